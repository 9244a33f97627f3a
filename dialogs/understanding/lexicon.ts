/**
 * Keyword rules of the offline understander, written against normalized text (Simplified, lower
 * case). Order matters where noted: the first matching group wins.
 */
import type { Outcome } from '../../policies/types.js';
import type { EngineIntent } from './intents.js';

type Patterns = readonly RegExp[];

/**
 * Problems, most specific first: "发错" must win over a generic "坏", "不能用" over "坏了". Kept
 * to what customers say of problems in general, not of one product.
 */
export const PROBLEM_PATTERNS: readonly [EngineIntent, Patterns][] = [
  ['wrong_item', [
    /发错|送错|寄错|错发|发成了|不是我(买|订|要|下单|点)的/,
    // "I ordered the wrong one" is the customer's own choice: changed_mind below.
    /(?<!(ordered|bought|picked|chose|selected|clicked) (the |a )?)wrong (item|book|one|product|colou?r|size|thing|model|variant|order)/,
    /sent (me )?(the )?wrong|(not|isn'?t|wasn'?t) (what|the (one|item|thing|product)) i (ordered|bought|paid for|picked)|someone else'?s|mixed up (my|the) order/,
    /(received|got|sent( me)?) (a |an )?(totally |completely )?different (item|product|thing|one)/,
    // "1 bag instead of 2" is a missing quantity, not a wrong item.
    /instead of (?!(\d|one|two|three)\b)/,
  ]],
  ['missing_item', [
    // Not receiving a refund is a status question, not a missing item.
    /少了|少发|漏发|漏寄|漏送|少送|缺了|缺少|没(有)?收到(?!退款|钱|回复)|空箱|空的箱|空盒|是空的|没在(箱|包裹)|只(收到|到了|来了)|(货|包裹|快递|东西)(还)?没(送)?到|一直没(到|送到|收到)|没送到|(快递|包裹|件)(被)?丢/,
    /missing|never (arrived|came|received|delivered|got here|showed up)|didn'?t (receive|get|arrive|come)(?! (my |the |a )?(refund|money))|haven'?t (received|got|gotten)(?! (my |the |a )?(refund|money|replacement))/,
    /(not|weren'?t|wasn'?t|isn'?t|aren'?t) (in the (box|parcel|package)|here|included)|empty (box|parcel|package)|(box|parcel|package) was empty|nothing (inside|in the (box|parcel|package)|at my door)/,
    /only (got|received|came)|instead of (\d|one|two|three)\b|(parcel|package|order) (is |was |got )?(lost|stolen)|lost in the (mail|post)/,
  ]],
  ['spoiled', [
    /发霉|霉|长毛|变质|馊|臭|异味|怪味|哈喇|过期|不新鲜|虫|(?<![压摔砸撞])烂了|腐烂|坏掉了/,
    /mou?ld|rotten|spoil|stale|expir|bugs?\b|insects?|weevils?|maggots?|worms?\b|infested|musty|rancid|not fresh|(tastes?|smells?|gone|went) (off|bad|sour)|past (the |its |their )?(best before|sell by)/,
  ]],
  ['defective', [
    /质量问题|质量不好|次品|不能用|用不了|不工作|没反应|故障|失灵|不亮|漏电|漏水|渗水|打不开|开不了|不加热|烧不开|跳闸|冒烟|异响|闪烁|一闪一闪|忽明忽暗|按不动|关不上|合不上/,
    /defect|faulty|malfunction|doesn'?t (work|heat|light|switch|turn on)|does not work|not working|stopped working|won'?t (turn|switch|power|come) on|leak|flicker|trips? the (breaker|fuse)|dead on arrival|quality/,
  ]],
  ['damaged', [
    /碎|破了|破损|裂|摔坏|压坏|压扁|压烂|凹|变形|划痕|刮花|坏了|损坏|断了|断掉|断裂|缺口|磕/,
    // Whole words: "accident" holds a "dent".
    /\b(broken|crack|shatter|smashed|dent|damaged|crushed|scratch|chipped|snapped|bent\b)|in pieces/,
  ]],
  ['not_as_described', [
    /色差|颜色不(一样|对)|(和|跟|与)(图片|描述|详情|宣传|页面)|不符|尺寸不对|大小不对|尺码不对|不像图|卖家秀|买家秀|货不对板|宣传的|(说是|标的|标着|写的|写着).{0,12}(其实|实际|才|只有|根本)/,
    /not as (described|pictured|shown|advertised)|advertised|different (colou?r|size|model|product)? ?(than|from|to) (the |what)|(than|from|to) (in |on )?the (photos?|pictures?|pics?|listing|description|website|ad)\b/,
    /(page|listing|description|ad|advert|picture|photo|website|pics?) (says|said|shows|showed|claims)|doesn'?t (match|look like)|does not match|looks? (nothing like|different)|not like the (picture|photo)|not the (colou?r|size) (shown|in)/,
  ]],
  ['changed_mind', [
    /不想要|不要了|买错|拍错|下错|点错|选错|多买|买多|买重|误购|不需要|不喜欢|用不上|用不着|用不到|后悔|冲动|手滑|改主意/,
    /(don'?t|do not|no longer) (need|want|like)|not needed|no use for|changed my mind|by (mistake|accident)|accidentally|my (bad|mistake|fault)|(ordered|bought|picked|chose|selected|clicked) the wrong|regret|cheaper (elsewhere|somewhere)|already (have|had|bought)/,
  ]],
];

/** The parcel or outer box arrived damaged: decides transit damage against unclear. */
export const PARCEL_DAMAGED: Patterns = [/(箱|盒|包装|包裹|快递|纸箱|外箱).{0,6}(破|烂|压|扁|湿|凹|坏)|运输|物流.{0,4}(摔|压|坏)|(box|package|parcel|packaging|carton).{0,20}(crushed|damaged|torn|broken|dented|wet|smashed)|in transit|during (shipping|delivery)/];
export const PARCEL_INTACT: Patterns = [/(箱|盒|包装|包裹|外箱).{0,4}(完好|好好的|没坏|没破|没问题)|(box|package|parcel|packaging).{0,12}(fine|intact|ok|okay|undamaged|perfect)/];

/** An explicit cancellation stays cancel_order even when it gives a reason (intent-labels.md). */
export const CANCEL_ORDER: Patterns = [
  /取消.{0,8}(订单|单子|这单|那单|购买)|(订单|单子|这单|那单).{0,10}(取消|撤(销|回|了))|撤单|撤销订单|订单作废/,
  // "cancel" alone is a restart (RESTART); cancelling a return request is not cancelling an order.
  /\bcancel(?=\s*\S)(?!.*\b(return|refund|exchange) request)|cancell?ation|void (my |this |the )?order|withdraw my order|don'?t ship/,
];

/** Requests and questions with words of their own, checked in this order once no problem is named. */
export const REQUEST_PATTERNS: readonly [EngineIntent, Patterns][] = [
  ['human_agent', [
    /人工|真人|活人|转客服|找客服|接客服|转接|客服人员|客服电话|接线员|主管|经理|负责人|(不想|不要|别|不跟|不和).{0,4}机器人/,
    /human|real person|representative|operator|supervisor|manager|\bagents?\b|(speak|talk|chat) (to|with) (someone|somebody|a person|staff|support)|(need|want|get) (a |an )?(real |live )?(person|agent)/,
  ]],
  ['status_query', [
    /进度|到哪|状态|怎么还没|还没(消息|动静|进展|回复|到账)|没(消息|动静|回音)|什么时候(到账|退|能|来|发|寄|到|给)|到账(了)?(吗|没)|(处理|审核)(得)?(怎么样|好了|通过|结果)|查(一下|询)?(我的)?(退款|退货|换货|申请|工单)|你们收到|收到我(寄|退)回|(发货|发出来|寄出)(了)?(吗|没)/,
    /status|progress|any (news|update)|update (on|me)|(where'?s|where is) (my |the )?(refund|return|replacement|exchange|money|reship|claim)|(has|have|did|was|is) (my |the )?(refund|return|exchange|claim|case|request|replacement) (been|arrived|approved|processed|go|gone|accepted|still)|still (waiting|no refund)|when (will|do) (i|my|you)|did you (get|receive)|pick ?up|on (its|the) way/,
  ]],
  ['policy_question', [
    /几天|多少天|多久|能退吗|可以退吗|能不能退|可以换吗|能换吗|还能(退|换)|政策|规则|规定|条件|运费|邮费|手续费|怎么退|无理由|原路/,
    /how (long|many days|do returns|do refunds)|policy|(can|could) i (still )?return|do i (have to|need|pay)|who (pays|covers)|fees?\b|rules?\b|(can'?t|cannot|can not) be (returned|exchanged)|returnable|return (window|period|process|conditions)|do you (refund|accept|offer|do|take)|original payment|free returns?|deadline|time limit|too late/,
  ]],
];

/**
 * The topic alone, when nothing more specific is said: "退" or "return" also come up in status and
 * policy questions, so these are weaker evidence than the words above.
 */
export const TOPIC_PATTERNS: readonly [EngineIntent, Patterns][] = [
  ['exchange_request', [/换|exchange|swap|replace|trade\b|switch (it |this )?(to|for)|(different|another|bigger|smaller|larger) (size|colou?r|model|flavou?r)/]],
  ['return_request', [/退|return|refund|send (it |this )?back|money back|take (it|this) back/]],
];

export const WISH_PATTERNS: readonly [Outcome, Patterns][] = [
  ['reship', [/补发|重发|再发|补寄|重新发|resend|re-send|send (me )?(the right|another|a new)|reship/]],
  ['exchange', [/换货|换一个|换个|换成|换新|调换|更换|exchange|swap|replacement|replace/]],
  ['refund', [/退款|退钱|退货|refund|money back|return/]],
];

export const RESTART: Patterns = [/^(算了|不用了|不退了|不换了|取消|重新开始|重来|从头|cancel|never ?mind|start over|restart|forget it)[\s!.。!]*$/];
export const DONE: Patterns = [/^(好了|完了|没有了|没了|就这些|发完了|传完了|完成|done|that'?s all|finished|no more)[\s!.。!]*$/];
export const CORRECTION: Patterns = [/不是(这个|那个|这|那)|不对|搞错|弄错|错了|应该是|我说的是|not (that|this) one|i meant|no,? (the|it'?s)|wrong one|actually/];
export const YES: Patterns = [/^(是|是的|对|对的|嗯|恩|好|好的|可以|没错|确认|正确|没问题|行|yes|y|yeah|yep|ok|okay|sure|correct|right|confirm)[\s!.。!,,]*$/, /全新|没用过|没拆|未拆|未使用|没开封|unused|unopened|never used|sealed/];
export const NO: Patterns = [/^(不|不是|否|没有|不对|不行|no|n|nope|not really)[\s!.。!,,]*$/, /用过|拆了|拆开|开封了|吃了|没有包装|包装扔|used it|opened|threw away/];
export const UPSET: Patterns = [/垃圾|骗子|气死|投诉|差评|太差|什么破|滚|妈的|他妈|坑人|黑店|fuck|shit|scam|useless|ridiculous|terrible service|worst|disgusting|unacceptable|angry|furious|pathetic|rip-?off/];
export const SKIP: Patterns = [/^(跳过|不用了|没有|没了|算了吧|skip|no thanks|nothing|none)[\s!.。!]*$/];
export const CHANGE: Patterns = [/修改|改一下|要改|不对|change|edit|fix|wrong/];
