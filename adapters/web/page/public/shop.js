// The demo page's only script: get a session, then hand Web Chat our embedded Direct Line.
(function () {
  'use strict';

  // The token is the customer's identity here: keeping it continues their conversation after a
  // reload or a server restart; dropping it ("new conversation") makes them a new customer.
  var TOKEN_KEY = 'returnbot.webchat.token';
  var FONTS = "'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif";

  function startSession() {
    var saved = localStorage.getItem(TOKEN_KEY);
    return fetch('/webchat/session', {
      method: 'POST',
      headers: saved ? { Authorization: 'Bearer ' + saved } : {}
    }).then(function (response) {
      if (!response.ok) throw new Error('session: HTTP ' + response.status);
      return response.json();
    }).then(function (session) {
      localStorage.setItem(TOKEN_KEY, session.token);
      return session;
    });
  }

  // Web Chat's own labels follow the browser; the bot follows what the customer writes.
  function webChatLocale() {
    var language = navigator.language || 'en-US';
    if (/^zh-(tw|hk|mo|hant)/i.test(language)) return 'zh-TW';
    if (/^zh/i.test(language)) return 'zh-CN';
    return 'en-US';
  }

  function render(session) {
    var directLine = window.WebChat.createDirectLine({ domain: location.origin + '/v3/directline', token: session.token });
    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        userID: session.userId,
        locale: webChatLocale(),
        styleOptions: {
          primaryFont: FONTS,
          accent: '#c2410c',
          botAvatarInitials: '客服',
          bubbleBackground: '#fff7ed',
          bubbleBorderRadius: 12,
          bubbleFromUserBackground: '#c2410c',
          bubbleFromUserTextColor: '#ffffff',
          bubbleFromUserBorderRadius: 12,
          bubbleImageHeight: 160,
          suggestedActionLayout: 'flow',
          suggestedActionBorderRadius: 16,
          hideUploadButton: false,
          // Web Chat 4.18 holds a picked file until Send without showing it; a returns chat
          // sends the photo at once, and offers the camera on phones.
          sendAttachmentOn: 'attach',
          uploadAccept: 'image/*',
          sendBoxBackground: '#ffffff'
        }
      },
      document.getElementById('webchat')
    );
  }

  document.getElementById('new-conversation').addEventListener('click', function (event) {
    event.preventDefault();
    localStorage.removeItem(TOKEN_KEY);
    location.reload();
  });

  startSession().then(render).catch(function (error) {
    document.getElementById('chat-error').hidden = false;
    console.error(error);
  });
})();
