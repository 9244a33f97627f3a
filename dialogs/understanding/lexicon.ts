/**
 * Keyword rules of the offline understander, written against normalized text (Simplified, lower
 * case). Order matters where noted: the first matching group wins.
 */
import type { Outcome } from '../../policies/types.js';
import type { Intent, StatedProblem } from '../../bot/understanding.js';

type Patterns = readonly RegExp[];

/** Problems, most specific first: "发错" must win over a generic "坏". */
export const PROBLEM_PATTERNS: readonly [StatedProblem, Patterns][] = [
  ['wrong_item', [/发错|送错|寄错|错发|发成了|不是我(买|订|要)的|wrong (item|book|one|product|colou?r|size)|sent (me )?the wrong|not what i (ordered|bought)|instead of/]],
  ['missing_item', [/少了|少发|漏发|漏送|少送|缺了|缺少|没收到|没有收到|空箱|空的箱|空盒|没在(箱|包裹)|missing|never (arrived|came|received|delivered|got here)|didn'?t (receive|get|arrive)|(not|weren'?t|wasn'?t|isn'?t|aren'?t) (in the (box|parcel|package)|here)|empty (box|parcel|package)|haven'?t received/]],
  ['quality', [/发霉|霉|变质|馊|臭|过期|不新鲜|生虫|有虫|虫子|烂了|腐烂|坏掉了|质量问题|质量不好|次品|不能用|用不了|不工作|没反应|故障|失灵|不亮|漏电|打不开|mou?ld|rotten|spoil|stale|expired|bugs?\b|insects?|not fresh|gone off|defect|faulty|doesn'?t work|does not work|not working|stopped working|won'?t (turn|switch) on|quality/]],
  ['damaged', [/碎|破了|破损|裂|摔坏|压坏|压扁|压烂|凹|变形|划痕|坏了|损坏|broken|cracked|crack|shatter|smashed|dent|damaged|crushed|scratch/]],
  ['not_as_described', [/色差|颜色不(一样|对)|和图片|跟图片|与图片|与描述不符|和描述不|跟描述不|不符|尺寸不对|大小不对|尺码不对|不像图|not as described|different (colou?r|size)|doesn'?t match|does not match|not the (colou?r|size)|looks different|not like the (picture|photo)/]],
  ['changed_mind', [/不想要|不要了|买错|拍错|下错|多买|误购|不需要了|不喜欢|用不上|don'?t (need|want|like)|no longer (need|want)|changed my mind|by mistake|ordered the wrong|bought the wrong/]],
];

/** The parcel or outer box arrived damaged: decides transit damage against unclear. */
export const PARCEL_DAMAGED: Patterns = [/(箱|盒|包装|包裹|快递|纸箱|外箱).{0,6}(破|烂|压|扁|湿|凹|坏)|运输|物流.{0,4}(摔|压|坏)|(box|package|parcel|packaging|carton).{0,20}(crushed|damaged|torn|broken|dented|wet|smashed)|in transit|during (shipping|delivery)/];
export const PARCEL_INTACT: Patterns = [/(箱|盒|包装|包裹|外箱).{0,4}(完好|好好的|没坏|没破|没问题)|(box|package|parcel|packaging).{0,12}(fine|intact|ok|okay|undamaged|perfect)/];

/** An explicit cancellation stays cancel_order even when it gives a reason (intent-labels.md). */
export const CANCEL_ORDER: Patterns = [/取消(订单|这个订单|这单|该订单)|订单取消|cancel (my |the |this )?order/];

/** Requests and questions, checked in this order once no problem is named. */
export const INTENT_PATTERNS: readonly [Intent, Patterns][] = [
  ['human_agent', [/人工|真人|转客服|找客服|客服人员|接线员|human|real person|(an|a live) agent|representative|speak to (someone|a person)|talk to (someone|a person)/]],
  ['status_query', [/进度|到哪|状态|怎么还没|什么时候(到账|退|能)|到账了吗|处理(得)?怎么样|处理好了吗|查(一下|询)?(我的)?(退款|退货|换货|申请|工单)|收到(我的)?(包裹|退货)了吗|status|where is my|any update|progress|has my refund|when will (i|my)|did you (get|receive)|update on my/]],
  ['policy_question', [/几天|多少天|多久|能退吗|可以退吗|能不能退|可以换吗|能换吗|政策|规则|规定|运费谁|谁出运费|手续费|怎么退|how (long|many days)|policy|can i (return|exchange)|do i have to|who pays|fee|rules?\b/]],
  ['exchange_request', [/换货|换一个|换个|换成|调换|更换|换新|exchange|swap|replace/]],
  ['return_request', [/退货|退款|退钱|想退|要退|退掉|退了|return|refund|send (it )?back|money back/]],
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
export const UPSET: Patterns = [/垃圾|骗子|气死|投诉|差评|太差|什么破|滚|妈的|他妈|fuck|shit|scam|useless|ridiculous|terrible service|worst|disgusting|unacceptable|angry|furious/];
export const SKIP: Patterns = [/^(跳过|不用了|没有|没了|算了吧|skip|no thanks|nothing|none)[\s!.。!]*$/];
export const CHANGE: Patterns = [/修改|改一下|要改|不对|change|edit|fix|wrong/];
