/**
 * Mentions per entity on the fixture pages, made by reading the pages name by name — not by
 * running the extension. Possessives count for the name ("DeepSeek’s" is DeepSeek); ambiguous
 * short forms ("R1", "V3", "o1", "Waves", "Liang") count because a related name is on the page.
 */

/** tests/fixtures/pages/demo.html */
export const DEMO_COUNTS: Record<string, number> = {
  alibaba: 6, // headline, Alibaba's timing, "was not the only", "reduced", "from Alibaba", 阿里巴巴
  "alibaba-cloud": 3, // twice in English, 阿里云
  "qwen-2.5-max": 3, // headline, "unveil Qwen 2.5-Max", "Qwen2.5-Max"
  qwen: 2, // "its Qwen family", 通义千问
  deepseek: 7, // headline, DeepSeek’s, "last year DeepSeek", "DeepSeek looks", 深度求索, 使用DeepSeek模型, "built on DeepSeek"
  "deepseek-v2": 2, // "its V2 model", DeepSeek-V2
  "deepseek-v3": 3, // twice spelled out, "from V3 to R1"
  "deepseek-r1": 3, // DeepSeek-R1, "after R1 appeared", "to R1"
  "liang-wenfeng": 4, // pull-quote caption, "Liang Wenfeng, who", 梁文锋, "Liang suggested"
  bytedance: 4, // "ByteDance, the owner", "ByteDance's choice", 字节跳动, "ByteDance's update"
  tiktok: 1,
  openai: 2, // "that OpenAI, backed", "a term OpenAI uses"
  "openai-o1": 2, // "OpenAI o1", "o1 is the reasoning system"
  "gpt-4o": 1,
  "llama-3.1-405b": 1,
  microsoft: 1,
  baidu: 2, // Baidu, 百度
  tencent: 2, // Tencent, 腾讯
  waves: 2, // caption and paragraph; not the sea's "waves"
  aime: 1,
  agi: 2, // AGI, artificial general intelligence
};

/** ../shared/article/article.txt rendered by the test server at /article. */
export const ARTICLE_COUNTS: Record<string, number> = {
  alibaba: 4,
  "qwen-2.5-max": 2,
  deepseek: 11,
  "deepseek-v2": 1,
  "deepseek-v3": 3,
  "deepseek-r1": 2,
  "liang-wenfeng": 4,
  bytedance: 2,
  tiktok: 1,
  openai: 2,
  "openai-o1": 1,
  "gpt-4o": 1,
  "llama-3.1-405b": 1,
  microsoft: 1,
  baidu: 1,
  tencent: 1,
  waves: 1,
  aime: 1,
  agi: 2,
};

/** Total mentions on a page with these counts. */
export function totalOf(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}
