// The rules page: the rules file as text, a dry run of an edit over past cases, and applying it
// (operators only, only the text just dry-run, after a confirmation).

const TEXTS = {
  title: { en: 'Rules', 'zh-Hans': '规则' },
  intro: {
    en: 'Edit the rules file below, dry-run the change over past cases to see which decisions it would change, then apply it. The bot uses applied rules from its next message; the previous file is kept.',
    'zh-Hans': '在下方编辑规则文件，先用过去的工单试运行，查看哪些决定会改变，再应用。应用后机器人从下一条消息起使用新规则，旧文件会被保留。',
  },
  file: { en: 'File', 'zh-Hans': '文件' },
  version: { en: 'version', 'zh-Hans': '版本' },
  inForce: { en: 'in force', 'zh-Hans': '生效中' },
  notInForce: {
    en: 'The file on disk differs from the rules the bot uses (edited outside the console). Applying it puts it in force.',
    'zh-Hans': '磁盘上的文件与机器人正在使用的规则不同（在后台之外被修改过）。应用后即生效。',
  },
  fileBroken: { en: 'The file on disk has problems:', 'zh-Hans': '磁盘上的文件有问题：' },
  draftRestored: { en: 'Your unsaved edit was restored.', 'zh-Hans': '已恢复您未保存的修改。' },
  draftStale: {
    en: 'Your unsaved edit was made on an older version of the file: applying it will be refused until you reload.',
    'zh-Hans': '您未保存的修改基于旧版本的文件：重新载入之前无法应用。',
  },
  reset: { en: 'Reload the file', 'zh-Hans': '重新载入文件' },
  resetConfirm: { en: 'Discard your edits and reload the file?', 'zh-Hans': '放弃修改并重新载入文件？' },
  days: { en: 'Past days', 'zh-Hans': '过去天数' },
  dryRun: { en: 'Dry run', 'zh-Hans': '试运行' },
  running: { en: 'Running…', 'zh-Hans': '运行中…' },
  apply: { en: 'Apply…', 'zh-Hans': '应用…' },
  applyHintViewer: { en: 'Only operators may apply rules.', 'zh-Hans': '只有运营人员可以应用规则。' },
  applyHint: { en: 'Dry-run this text first; Apply becomes available then.', 'zh-Hans': '请先试运行当前文本，之后才能应用。' },
  confirmTitle: { en: 'Apply these rules?', 'zh-Hans': '确认应用这些规则？' },
  confirmText: {
    en: '{n} decisions of the period would change. The bot uses the new rules from its next message; the current file is kept in the history.',
    'zh-Hans': '期间内有 {n} 个决定会改变。机器人从下一条消息起使用新规则；当前文件会保留在历史中。',
  },
  confirmYes: { en: 'Apply now', 'zh-Hans': '立即应用' },
  cancel: { en: 'Cancel', 'zh-Hans': '取消' },
  applied: { en: 'Applied. New version', 'zh-Hans': '已应用。新版本' },
  keptAs: { en: 'previous file kept as', 'zh-Hans': '旧文件保存为' },
  unchanged: { en: 'the file was already this text; it is now in force', 'zh-Hans': '文件内容未变；现已生效' },
  conflict: { en: 'Not applied:', 'zh-Hans': '未应用：' },
  problems: { en: 'The proposed rules have problems; nothing was run or saved:', 'zh-Hans': '规则有问题，未运行也未保存：' },
  line: { en: 'line {n}', 'zh-Hans': '第 {n} 行' },
  theFile: { en: '(the file)', 'zh-Hans': '（整个文件）' },
  result: { en: 'Dry run', 'zh-Hans': '试运行结果' },
  summary: { en: '{count} of {total} decisions would change', 'zh-Hans': '{total} 个工单中有 {count} 个决定会改变' },
  period: { en: 'Cases created from {from} to {to}', 'zh-Hans': '工单创建于 {from} 至 {to}' },
  skipped: { en: '{n} cases left out: their order or customer can no longer be read.', 'zh-Hans': '{n} 个工单未计入：无法读取其订单或客户。' },
  byCrisis: { en: '{n} cases left out: a crisis preset decided them, whatever the rules.', 'zh-Hans': '{n} 个工单未计入：它们由危机预案处理，与规则无关。' },
  differs: {
    en: '{n} cases are decided differently today than when they were created (rules or data changed since); both columns use today\'s data.',
    'zh-Hans': '{n} 个工单按今天的数据与创建时的决定不同（之后规则或数据有变）；两列均使用今天的数据。',
  },
  listed: { en: 'Only the first {n} changes are listed; counts and money cover all.', 'zh-Hans': '仅列出前 {n} 条；数量和金额包含全部。' },
  money: { en: 'Money over the period', 'zh-Hans': '期间金额' },
  now: { en: 'Rules in force', 'zh-Hans': '当前规则' },
  proposed: { en: 'Proposed', 'zh-Hans': '新规则' },
  delta: { en: 'Difference', 'zh-Hans': '差额' },
  refundable: { en: 'Refundable (at most)', 'zh-Hans': '可退款金额（上限）' },
  fees: { en: 'Handling fees', 'zh-Hans': '手续费' },
  case: { en: 'Case', 'zh-Hans': '工单' },
  created: { en: 'Created', 'zh-Hans': '创建时间' },
  product: { en: 'Product', 'zh-Hans': '商品' },
  reason: { en: 'Reason', 'zh-Hans': '原因' },
  before: { en: 'Now', 'zh-Hans': '现在' },
  after: { en: 'Proposed', 'zh-Hans': '新规则下' },
  feesCol: { en: 'Fees', 'zh-Hans': '手续费' },
  refundableCol: { en: 'Refundable', 'zh-Hans': '可退款' },
  changes: { en: 'Decisions that would change', 'zh-Hans': '会改变的决定' },
  noChange: { en: 'No decision would change.', 'zh-Hans': '没有决定会改变。' },
  refused: { en: 'refused', 'zh-Hans': '拒绝' },
  person: { en: 'agent reviews', 'zh-Hans': '人工审核' },
  history: { en: 'Kept versions', 'zh-Hans': '历史版本' },
  noHistory: { en: 'No version has been replaced yet.', 'zh-Hans': '尚无被替换的版本。' },
  keptAt: { en: 'Replaced at', 'zh-Hans': '替换时间' },
  size: { en: 'Size', 'zh-Hans': '大小' },
  open: { en: 'Open in editor', 'zh-Hans': '在编辑器中打开' },
  opened: {
    en: 'A kept version is in the editor: dry-run it, then apply it to restore it.',
    'zh-Hans': '编辑器中是一个历史版本：试运行后应用即可恢复。',
  },
  failed: { en: 'Something went wrong:', 'zh-Hans': '出错了：' },
};

const OUTCOMES = {
  refund: { en: 'refund', 'zh-Hans': '退款' },
  exchange: { en: 'exchange', 'zh-Hans': '换货' },
  reship: { en: 'reship', 'zh-Hans': '补发' },
};

const REASONS = {
  quality: { en: 'quality', 'zh-Hans': '质量问题' },
  transit_damage: { en: 'damaged in transit', 'zh-Hans': '运输破损' },
  damage_unclear: { en: 'damage, cause unclear', 'zh-Hans': '破损原因不明' },
  wrong_item: { en: 'wrong item', 'zh-Hans': '送错' },
  missing_item: { en: 'missing item', 'zh-Hans': '漏送' },
  not_as_described: { en: 'not as described', 'zh-Hans': '与描述不符' },
  changed_mind: { en: 'changed mind', 'zh-Hans': '误购 / 不想要了' },
};

/** The operator's unsaved text survives a language switch or a visit to another page. */
const DRAFT_KEY = 'returnbot.ops.rules.draft';
const DEFAULT_DAYS = 30;

function el(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === 'test') element.dataset.test = value;
    else if (key === 'on') for (const [event, handler] of Object.entries(value)) element.addEventListener(event, handler);
    else if (key in element) element[key] = value;
    else element.setAttribute(key, String(value));
  }
  element.append(...children.flat().filter(child => child !== undefined && child !== null && child !== false));
  return element;
}

function readDraft() {
  try {
    return JSON.parse(sessionStorage.getItem(DRAFT_KEY) ?? 'null');
  } catch {
    return null;
  }
}

export default {
  name: 'rules',
  title: TEXTS.title,

  async render(container, _params, ctx) {
    const { t, lang, role } = ctx;
    const money = cents => (cents / 100).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { style: 'currency', currency: 'CNY' });
    const signed = cents => (cents > 0 ? `+${money(cents)}` : money(cents));
    const time = iso => new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'medium', timeStyle: 'short' });
    const short = version => version.slice(0, 12);
    /** A text with its {placeholders} filled. */
    const fill = (dict, values) => t(dict).replace(/\{(\w+)\}/g, (_, key) => String(values[key]));

    const shown = await ctx.api('/rules');
    const draft = readDraft();
    const restored = draft && draft.text !== shown.text ? draft : null;
    /** The version this text was edited from: an apply names it, so an edit made meanwhile is not overwritten. */
    let baseVersion = restored ? restored.baseVersion : shown.version;
    /** The text of the last successful dry run: Apply is offered for that text only. */
    let dryRunText = null;
    let dryRunCount = 0;

    const textarea = el('textarea', { rows: 30, spellcheck: false, test: 'rules-text', 'aria-label': t(TEXTS.title), value: restored ? restored.text : shown.text });
    const days = el('input', { type: 'number', min: 1, max: 365, step: 1, value: DEFAULT_DAYS, test: 'rules-days', style: 'width: 6em' });
    const dryRunButton = el('button', { type: 'button', className: 'primary', test: 'rules-dry-run' }, t(TEXTS.dryRun));
    const applyButton = role === 'operator' ? el('button', { type: 'button', className: 'danger', test: 'rules-apply', disabled: true }, t(TEXTS.apply)) : null;
    const applyHint = el('span', { className: 'muted', test: 'rules-apply-hint' }, t(role === 'operator' ? TEXTS.applyHint : TEXTS.applyHintViewer));
    const messages = el('div', { test: 'rules-messages' });
    const confirmBox = el('div', { className: 'card', test: 'rules-apply-confirm', hidden: true });
    const result = el('div', { test: 'rules-dry-run-result' });
    const historyBox = el('div', { className: 'card', test: 'rules-history' });

    const say = (className, test, ...children) => messages.append(el('p', { className, test }, ...children));
    const problemList = problems =>
      el('ul', { className: 'error', test: 'rules-problems' }, problems.map(problem =>
        el('li', { test: 'rules-problem', 'data-path': problem.path },
          el('code', {}, problem.path || t(TEXTS.theFile)),
          problem.line ? ` (${fill(TEXTS.line, { n: problem.line })})` : '',
          `: ${problem.message}`)));

    function refreshApply() {
      if (!applyButton) return;
      const ready = dryRunText !== null && dryRunText === textarea.value;
      applyButton.disabled = !ready;
      applyHint.hidden = ready;
      if (!ready) confirmBox.hidden = true;
    }

    textarea.addEventListener('input', () => {
      if (textarea.value === shown.text && baseVersion === shown.version) sessionStorage.removeItem(DRAFT_KEY);
      else sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ text: textarea.value, baseVersion }));
      refreshApply();
    });

    async function dryRun() {
      messages.replaceChildren();
      result.replaceChildren();
      dryRunText = null;
      refreshApply();
      const text = textarea.value;
      dryRunButton.disabled = true;
      dryRunButton.textContent = t(TEXTS.running);
      try {
        const report = await ctx.api('/rules/dry-run', { method: 'POST', body: { text, days: Number(days.value) } });
        dryRunText = text;
        dryRunCount = report.count;
        result.replaceChildren(reportCard(report));
      } catch (error) {
        showFailure(error);
      } finally {
        dryRunButton.disabled = false;
        dryRunButton.textContent = t(TEXTS.dryRun);
        refreshApply();
      }
    }

    function showFailure(error) {
      // The shell's api() may not hand over the body: the message names every problem too.
      const problems = error.body?.error?.problems;
      if (error.status === 422 && Array.isArray(problems)) {
        say('error', 'rules-invalid', t(TEXTS.problems));
        messages.append(problemList(problems));
      } else if (error.status === 422) {
        say('error', 'rules-invalid', error.message);
      } else if (error.status === 409) {
        say('error', 'rules-conflict', `${t(TEXTS.conflict)} ${error.message}`);
      } else {
        say('error', 'rules-error', `${t(TEXTS.failed)} ${error.message}`);
      }
    }

    function decisionText(d) {
      if (d.refused) return t(TEXTS.refused);
      const outcomes = d.outcomes.map(o => t(OUTCOMES[o] ?? { en: o })).join(' / ');
      return d.needsPerson ? `${outcomes} · ${t(TEXTS.person)}` : outcomes;
    }

    function reportCard(report) {
      const moneyRows = [
        [TEXTS.refundable, report.money.refundableBeforeCents, report.money.refundableAfterCents, report.money.refundableDeltaCents, 'refundable'],
        [TEXTS.fees, report.money.feesBeforeCents, report.money.feesAfterCents, report.money.feesDeltaCents, 'fees'],
      ];
      const rows = report.changed.map(change =>
        el('tr', { test: 'rules-changed-row', 'data-case': change.caseId },
          el('td', {}, el('a', { href: `#/case/${encodeURIComponent(change.caseId)}` }, change.caseId)),
          el('td', {}, time(change.createdAt)),
          el('td', {}, change.product.names[lang] ?? change.product.names.en ?? change.product.sku),
          el('td', {}, t(REASONS[change.reason] ?? { en: change.reason })),
          el('td', {}, decisionText(change.before)),
          el('td', {}, el('strong', {}, decisionText(change.after))),
          el('td', { className: 'num' }, `${money(change.before.feeCents)} → ${money(change.after.feeCents)}`),
          el('td', { className: 'num' }, `${money(change.before.refundableCents)} → ${money(change.after.refundableCents)}`)));
      return el('div', { className: 'card' },
        el('h2', {}, t(TEXTS.result)),
        el('p', {}, el('strong', { test: 'rules-changed-count', 'data-count': report.count }, fill(TEXTS.summary, report))),
        el('p', { className: 'muted' }, fill(TEXTS.period, { from: time(report.from), to: time(report.to) })),
        report.skipped > 0 ? el('p', { className: 'muted', test: 'rules-skipped' }, fill(TEXTS.skipped, { n: report.skipped })) : null,
        report.byCrisis > 0 ? el('p', { className: 'muted', test: 'rules-by-crisis' }, fill(TEXTS.byCrisis, { n: report.byCrisis })) : null,
        report.differsFromStored > 0 ? el('p', { className: 'muted' }, fill(TEXTS.differs, { n: report.differsFromStored })) : null,
        el('h3', {}, t(TEXTS.money)),
        el('table', { className: 'data', test: 'rules-money' },
          el('thead', {}, el('tr', {}, el('th', {}, ''), el('th', { className: 'num' }, t(TEXTS.now)), el('th', { className: 'num' }, t(TEXTS.proposed)), el('th', { className: 'num' }, t(TEXTS.delta)))),
          el('tbody', {}, moneyRows.map(([label, before, after, delta, test]) =>
            el('tr', { test: `rules-money-${test}` },
              el('td', {}, t(label)),
              el('td', { className: 'num' }, money(before)),
              el('td', { className: 'num' }, money(after)),
              el('td', { className: 'num', test: `rules-money-${test}-delta`, 'data-cents': delta }, el('strong', {}, signed(delta))))))),
        el('h3', { style: 'margin-top: 16px' }, t(TEXTS.changes)),
        report.count === 0
          ? el('p', { className: 'muted', test: 'rules-no-change' }, t(TEXTS.noChange))
          : el('table', { className: 'data', test: 'rules-changed' },
            el('thead', {}, el('tr', {}, [TEXTS.case, TEXTS.created, TEXTS.product, TEXTS.reason, TEXTS.before, TEXTS.after, TEXTS.feesCol, TEXTS.refundableCol]
              .map((label, i) => el('th', { className: i >= 6 ? 'num' : '' }, t(label))))),
            el('tbody', {}, rows)),
        report.changed.length < report.count ? el('p', { className: 'muted' }, fill(TEXTS.listed, { n: report.changed.length })) : null);
    }

    function askToApply() {
      confirmBox.hidden = false;
      confirmBox.replaceChildren(
        el('h3', {}, t(TEXTS.confirmTitle)),
        el('p', {}, fill(TEXTS.confirmText, { n: dryRunCount })),
        el('div', { className: 'row' },
          el('button', { type: 'button', className: 'danger', test: 'rules-apply-confirm-yes', on: { click: apply } }, t(TEXTS.confirmYes)),
          el('button', { type: 'button', test: 'rules-apply-cancel', on: { click: () => { confirmBox.hidden = true; } } }, t(TEXTS.cancel))));
      confirmBox.scrollIntoView({ block: 'nearest' });
    }

    async function apply() {
      confirmBox.hidden = true;
      messages.replaceChildren();
      const text = textarea.value;
      if (text !== dryRunText) return refreshApply();
      applyButton.disabled = true;
      try {
        const applied = await ctx.api('/rules/apply', { method: 'POST', body: { text, expectedVersion: baseVersion } });
        sessionStorage.removeItem(DRAFT_KEY);
        shown.text = text;
        shown.version = applied.version;
        baseVersion = applied.version;
        header.replaceChildren(...headerParts({ ...shown, inForce: true, problems: [] }));
        say('', 'rules-apply-result',
          `${t(TEXTS.applied)} `, el('code', { test: 'rules-version' }, short(applied.version)), ' — ',
          applied.kept ? `${t(TEXTS.keptAs)} ${applied.kept}` : t(TEXTS.unchanged));
        await showHistory();
      } catch (error) {
        showFailure(error);
      } finally {
        refreshApply();
      }
    }

    async function reset() {
      if (textarea.value !== shown.text && !window.confirm(t(TEXTS.resetConfirm))) return;
      sessionStorage.removeItem(DRAFT_KEY);
      const latest = await ctx.api('/rules');
      Object.assign(shown, latest);
      baseVersion = latest.version;
      textarea.value = latest.text;
      header.replaceChildren(...headerParts(latest));
      messages.replaceChildren();
      dryRunText = null;
      refreshApply();
    }

    async function showHistory() {
      const { versions } = await ctx.api('/rules/history');
      historyBox.replaceChildren(el('h2', {}, t(TEXTS.history)));
      if (versions.length === 0) return historyBox.append(el('p', { className: 'muted' }, t(TEXTS.noHistory)));
      historyBox.append(el('table', { className: 'data' },
        el('thead', {}, el('tr', {}, el('th', {}, t(TEXTS.keptAt)), el('th', {}, t(TEXTS.version)), el('th', { className: 'num' }, t(TEXTS.size)), el('th', {}, ''))),
        el('tbody', {}, versions.map(kept =>
          el('tr', { test: 'rules-history-row', 'data-name': kept.name },
            el('td', {}, time(kept.keptAt)),
            el('td', {}, el('code', {}, short(kept.version))),
            el('td', { className: 'num' }, `${(kept.bytes / 1024).toFixed(1)} KB`),
            el('td', {}, el('button', { type: 'button', className: 'link', test: 'rules-history-open', on: { click: () => openKept(kept.name) } }, t(TEXTS.open))))))));
    }

    async function openKept(name) {
      const kept = await ctx.api(`/rules/history/${encodeURIComponent(name)}`);
      textarea.value = kept.text;
      textarea.dispatchEvent(new Event('input'));
      messages.replaceChildren();
      say('muted', 'rules-kept-opened', t(TEXTS.opened));
      textarea.scrollIntoView({ block: 'nearest' });
    }

    function headerParts(file) {
      return [
        el('p', { className: 'row' },
          el('span', { className: 'muted' }, `${t(TEXTS.file)}: `), el('code', {}, file.file),
          el('span', { className: 'muted' }, `${t(TEXTS.version)}:`), el('code', { test: 'rules-current-version', 'data-version': file.version }, short(file.version)),
          file.inForce ? el('span', { className: 'badge' }, t(TEXTS.inForce)) : null),
        !file.inForce && file.problems.length === 0 ? el('p', { className: 'error', test: 'rules-not-in-force' }, t(TEXTS.notInForce)) : null,
        file.problems.length > 0 ? el('div', {}, el('p', { className: 'error' }, t(TEXTS.fileBroken)), problemList(file.problems)) : null,
      ];
    }

    const header = el('div', { test: 'rules-file' }, ...headerParts(shown));
    dryRunButton.addEventListener('click', dryRun);
    applyButton?.addEventListener('click', askToApply);

    container.replaceChildren(
      el('h1', {}, t(TEXTS.title)),
      el('p', { className: 'muted' }, t(TEXTS.intro)),
      el('div', { className: 'card' },
        header,
        restored ? el('p', { className: restored.baseVersion === shown.version ? 'muted' : 'error', test: 'rules-draft-restored' },
          t(restored.baseVersion === shown.version ? TEXTS.draftRestored : TEXTS.draftStale)) : null,
        textarea,
        el('div', { className: 'row', style: 'margin-top: 12px' },
          el('label', { className: 'row' }, t(TEXTS.days), days),
          dryRunButton,
          applyButton,
          applyHint,
          el('button', { type: 'button', className: 'link', test: 'rules-reset', on: { click: reset } }, t(TEXTS.reset))),
        messages),
      confirmBox,
      result,
      historyBox,
    );
    refreshApply();
    await showHistory();
  },
};
