import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type AliasEntry, buildKnowledgeIndex } from "../../src/core/knowledge-index";
import { type KnowledgePack, parseKnowledgePack } from "../../src/core/knowledge-schema";
import {
  collectConfirmedEntityIds,
  compileMatcher,
  isMentionConfirmed,
  type Mention,
  resolveMentions,
} from "../../src/core/matcher";
import { makeSyntheticAliasEntries } from "../../src/core/synthetic-aliases";

// The matcher against the bundled packs (read from disk, as shipped) and against small
// made-up alias lists where a rule needs a case the packs do not have.

function loadPack(name: string): KnowledgePack {
  const raw = JSON.parse(readFileSync(new URL(`../../src/knowledge/${name}.json`, import.meta.url), "utf8"));
  const result = parseKnowledgePack(raw);
  if (!result.ok) throw new Error(`${name}.json does not validate:\n${result.problems.join("\n")}`);
  return result.value;
}

const packs = [loadPack("article"), loadPack("more-players")];
const index = buildKnowledgeIndex(packs);
const matcher = compileMatcher(index.aliasEntries, { related: index });

/** Each mention as `[name as written, entity id]`, with `?` appended to the id when it needs context. */
function spot(text: string, using = matcher): [string, string][] {
  return using
    .findMentions(text)
    .map((mention) => [
      text.slice(mention.start, mention.end),
      `${mention.entityId}${mention.needsContext ? "?" : ""}`,
    ]);
}

function entries(...list: [string, AliasEntry["alias"]][]): AliasEntry[] {
  return list.map(([entityId, alias]) => ({ entityId, alias }));
}

describe("longest match", () => {
  it.each([
    ["DeepSeek-V3 is out", "DeepSeek-V3", "deepseek-v3"],
    ["DeepSeek is out", "DeepSeek", "deepseek"],
    ["Qwen 2.5-Max is out", "Qwen 2.5-Max", "qwen-2.5-max"],
    ["the founder Liang Wenfeng said", "Liang Wenfeng", "liang-wenfeng"],
    ["Meta Llama 3.1 405B scores", "Meta Llama 3.1 405B", "llama-3.1-405b"],
    ["Google DeepMind builds", "Google DeepMind", "google-deepmind"],
    ["the DeepSeek AI assistant app", "DeepSeek AI assistant", "deepseek-assistant"],
    ["OpenAI o1 reasons", "OpenAI o1", "openai-o1"],
    ["Alibaba Cloud sells", "Alibaba Cloud", "alibaba-cloud"],
  ])("%s → %s", (text, name, entityId) => {
    expect(spot(text)).toEqual([[name, entityId]]);
  });

  it("gives a tie between equal aliases to the non-versioned exact one", () => {
    const tied = compileMatcher(
      entries(["family", { text: "Nova", versioned: true }], ["exact", { text: "Nova" }]),
    );
    expect(spot("Nova is here", tied)).toEqual([["Nova", "exact"]]);
    expect(spot("Nova 2 is here", tied)).toEqual([["Nova", "exact"]]);
    const reversed = compileMatcher(
      entries(["exact", { text: "Nova" }], ["family", { text: "Nova", versioned: true }]),
    );
    expect(spot("Nova is here", reversed)).toEqual([["Nova", "exact"]]);
  });

  it("gives a tie to the unambiguous alias over the ambiguous one", () => {
    const tied = compileMatcher(
      entries(["vague", { text: "Nova", ambiguous: true }], ["clear", { text: "Nova" }]),
    );
    expect(spot("Nova is here", tied)).toEqual([["Nova", "clear"]]);
  });

  it("prefers a longer alias even when a versioned family alias would span more", () => {
    const family = compileMatcher(
      entries(["nova", { text: "Nova", versioned: true }], ["nova-2", { text: "Nova 2" }]),
    );
    expect(spot("Nova 2 ships", family)).toEqual([["Nova 2", "nova-2"]]);
    expect(spot("Nova 2-72B ships", family)).toEqual([["Nova 2", "nova-2"]]);
    expect(spot("Nova 3 ships", family)).toEqual([["Nova 3", "nova"]]);
    expect(spot("Nova 2.5 ships", family)).toEqual([["Nova 2.5", "nova"]]);
  });
});

describe("version suffixes", () => {
  it.each([
    ["Qwen2.5 is open", "Qwen2.5", "qwen"],
    ["Qwen3 is open", "Qwen3", "qwen"],
    ["Qwen-72B is open", "Qwen-72B", "qwen"],
    ["Qwen2.5-VL reads images", "Qwen2.5-VL", "qwen"],
    ["Qwen2.5-VL-72B-Instruct reads images", "Qwen2.5-VL-72B-Instruct", "qwen"],
    ["Qwen3-Coder writes code", "Qwen3-Coder", "qwen"],
    ["Qwen 3 is open", "Qwen 3", "qwen"],
    ["Qwen team said", "Qwen", "qwen"],
    ["Qwen3 Coder writes", "Qwen3", "qwen"],
    ["Qwen 2.5 Pro plan", "Qwen 2.5", "qwen"],
    ["Qwen-based agents", "Qwen", "qwen"],
    ["Qwen 3rd place", "Qwen", "qwen"],
    ["Qwen 3,000 downloads", "Qwen", "qwen"],
    ["DeepSeek-V2.5 shipped", "DeepSeek-V2.5", "deepseek"],
    ["DeepSeek V4 shipped", "DeepSeek V4", "deepseek"],
    ["DeepSeekV4 shipped", "DeepSeekV4", "deepseek"],
    ["DeepSeek-V3 shipped", "DeepSeek-V3", "deepseek-v3"],
    ["DeepSeek-V2 shipped", "DeepSeek-V2", "deepseek-v2"],
    ["Baichuan2-13B is open", "Baichuan2-13B", "baichuan"],
    ["通义千问2.5发布", "通义千问2.5", "qwen"],
    ["AIME 2024 benchmark", "AIME 2024", "aime"],
  ])("%s → %s (%s)", (text, name, entityId) => {
    expect(spot(text)).toEqual([[name, entityId]]);
  });

  it("reads a Llama version as the llama family, and a known one as its own entity", () => {
    expect(spot("Meta released Llama 3")).toContainEqual(["Llama 3", "llama"]);
    expect(spot("Meta released Llama 3.1 70B")).toContainEqual(["Llama 3.1 70B", "llama"]);
    expect(spot("Meta released Llama 3.1 405B")).toContainEqual(["Llama 3.1 405B", "llama-3.1-405b"]);
    expect(spot("Meta released Llama-3.1-405B")).toContainEqual(["Llama-3.1-405B", "llama-3.1-405b"]);
  });

  it("keeps DeepSeek-R1 for a distilled model name and finds the Qwen base separately", () => {
    expect(spot("DeepSeek-R1-Distill-Qwen-32B")).toEqual([
      ["DeepSeek-R1", "deepseek-r1"],
      ["Qwen-32B", "qwen"],
    ]);
  });

  it("does not read a decimal after a name ending in a digit as the end of the name", () => {
    expect(spot("V2.5 is a version")).toEqual([]);
    expect(spot("DeepSeek V2.5")).toEqual([["DeepSeek V2.5", "deepseek"]]);
  });

  it("does not take digits followed by letters that are no version", () => {
    expect(spot("DeepSeek2x faster")).toEqual([]);
    expect(spot("Qwen3x")).toEqual([]);
  });

  it("never extends a name that is not versioned", () => {
    expect(spot("ByteDance2 is fake")).toEqual([]);
    expect(spot("Baidu 2023 revenue")).toEqual([["Baidu", "baidu"]]);
    expect(spot("TikTok-2 clone")).toEqual([["TikTok", "tiktok"]]);
  });
});

describe("variants people write", () => {
  it.each([
    "Qwen 2.5-Max",
    "Qwen2.5-Max",
    "Qwen-2.5-Max",
    "Qwen 2.5 Max",
    "Qwen2.5Max",
    "Qwen2.5 Max",
    "Qwen 2.5Max",
    "QWEN 2.5-MAX",
    "qwen 2.5-max",
    "Qwen\u00a02.5\u00a0Max",
    "Qwen\u202f2.5\u2010Max",
    "Qwen\u20112.5\u2012Max",
    "Qwen\u20132.5\u2014Max",
    "Qwen\n    2.5-Max",
    "Qwen 2.\u00ad5-Max",
    "Qwen 2.5-M\u200bax",
  ])("%j is Qwen 2.5-Max", (name) => {
    expect(spot(`We tried ${name} today.`)).toEqual([[name, "qwen-2.5-max"]]);
  });

  it.each(["Deep\u00adSeek", "Deep\u200bSeek", "Deep\u200bSeek\u00ad", "\u00adDeepSeek"])(
    "%j is DeepSeek (soft hyphen and zero-width space ignored)",
    (name) => {
      const mentions = spot(`We tried ${name} today.`);
      expect(mentions).toHaveLength(1);
      expect(mentions[0]?.[1]).toBe("deepseek");
      expect(mentions[0]?.[0].replace(/[\u00ad\u200b]/gu, "")).toBe("DeepSeek");
    },
  );

  it.each([
    ["Liang\u00a0Wenfeng", "liang-wenfeng"],
    ["Liang\u202fWenfeng", "liang-wenfeng"],
    ["Kai\u2011Fu Lee", "kai-fu-lee"],
    ["Kai Fu Lee", "kai-fu-lee"],
    ["Alibaba\tGroup", "alibaba"],
  ])("%j is %s", (name, entityId) => {
    expect(spot(`Then ${name} spoke.`)).toEqual([[name, entityId]]);
  });

  it("does not join words across a spaced dash or a double dash", () => {
    expect(spot("Qwen – 2.5 – Max")).toEqual([["Qwen", "qwen"]]);
    expect(spot("Liang -- Wenfeng")).toEqual([["Liang", "liang-wenfeng?"]]);
  });

  it.each([
    ["DeepSeek’s model", "DeepSeek", "deepseek"],
    ["DeepSeek's model", "DeepSeek", "deepseek"],
    ["ByteDance's app", "ByteDance", "bytedance"],
    ["ByteDance’s app", "ByteDance", "bytedance"],
    ["DeepSeek-V3’s weights", "DeepSeek-V3", "deepseek-v3"],
    ["Alibaba Cloud’s servers", "Alibaba Cloud", "alibaba-cloud"],
    ["l’OpenAI américaine", "OpenAI", "openai"],
  ])("possessive %j → %j", (text, name, entityId) => {
    expect(spot(text)).toEqual([[name, entityId]]);
  });

  it("does not read a plural possessive as the name", () => {
    expect(spot("the two DeepSeeks' models")).toEqual([]);
  });

  it("ignores case unless the alias is case-sensitive", () => {
    expect(spot("deepseek and DEEPSEEK and bytedance")).toEqual([
      ["deepseek", "deepseek"],
      ["DEEPSEEK", "deepseek"],
      ["bytedance", "bytedance"],
    ]);
    expect(spot("Deep Seek")).toEqual([["Deep Seek", "deepseek"]]);
    expect(spot("deep seek")).toEqual([]);
    expect(spot("Anthropic")).toEqual([["Anthropic", "anthropic"]]);
    expect(spot("anthropic")).toEqual([]);
    expect(spot("XAI")).toEqual([]);
  });

  it("treats ambiguous aliases as case-exact even when not marked", () => {
    expect(spot("a llama in the Andes")).toEqual([]);
    expect(spot("ernie")).toEqual([]);
    expect(spot("Ernie")).toEqual([["Ernie", "ernie?"]]);
    // "ERNIE" is a separate, case-exact alias of the same entity.
    expect(spot("ERNIE")).toEqual([["ERNIE", "ernie?"]]);
    expect(spot("LLaMA 2")).toEqual([["LLaMA 2", "llama"]]);
  });

  it.each(["DeepSeeking", "DeepSeeks", "DeepSeekX", "Alibabas", "OpenAIs", "TikToker"])(
    "%s: trailing letters block the name",
    (text) => {
      expect(spot(`the ${text} trend`)).toEqual([]);
    },
  );
});

describe("word boundaries by script", () => {
  it.each([
    ["Latin", "XDeepSeek"],
    ["Latin with accent", "éDeepSeek"],
    ["Cyrillic", "дDeepSeek"],
    ["Greek", "αDeepSeek"],
    ["Arabic", "عDeepSeek"],
    ["Hebrew", "שDeepSeek"],
    ["digit", "2DeepSeek"],
    ["underscore", "_DeepSeek"],
    ["astral letter", "𝐀DeepSeek"],
    ["letter through a soft hyphen", "X\u00adDeepSeek"],
    ["Latin after", "DeepSeekX"],
    ["accent after", "DeepSeeké"],
    ["Cyrillic after", "DeepSeekи"],
    ["Arabic after", "DeepSeekع"],
    ["combining mark after", "DeepSeek\u0301"],
    ["underscore after", "DeepSeek_"],
  ])("%s blocks: %s", (_label, text) => {
    expect(spot(text)).toEqual([]);
  });

  it.each([
    ["Han", "使用DeepSeek模型", "DeepSeek"],
    ["Hiragana and Katakana", "ひらがなDeepSeekカタカナ", "DeepSeek"],
    ["Hangul", "한국DeepSeek는", "DeepSeek"],
    ["astral Han", "𠀀DeepSeek𠀀", "DeepSeek"],
    ["prolonged sound mark", "ーDeepSeekー", "DeepSeek"],
    ["brackets", "(DeepSeek)", "DeepSeek"],
    ["guillemets", "«DeepSeek»", "DeepSeek"],
    ["full-width punctuation", "「DeepSeek」。", "DeepSeek"],
    ["emoji", "😀DeepSeek😀", "DeepSeek"],
    ["start and end of text", "DeepSeek", "DeepSeek"],
  ])("%s does not block: %s", (_label, text, name) => {
    expect(spot(text)).toEqual([[name, "deepseek"]]);
  });

  it("checks the boundary of names that start or end with punctuation-free digits", () => {
    expect(spot("01.AI’s Yi")).toEqual([["01.AI", "01-ai"]]);
    expect(spot("201.AI")).toEqual([]);
  });
});

describe("Chinese aliases", () => {
  it.each([
    ["阿里巴巴发布了新模型", "阿里巴巴", "alibaba"],
    ["阿里巴巴集团宣布", "阿里巴巴集团", "alibaba"],
    ["阿里云的服务器", "阿里云", "alibaba-cloud"],
    ["通义千问开源", "通义千问", "qwen"],
    ["腾讯混元大模型", "腾讯混元", "hunyuan"],
    ["字节跳动旗下", "字节跳动", "bytedance"],
    ["深度求索的梁文锋", "深度求索", "deepseek"],
  ])("%s → %s", (text, name, entityId) => {
    expect(spot(text)[0]).toEqual([name, entityId]);
  });

  it("matches inside Latin text too, since a CJK edge needs no boundary", () => {
    expect(spot("X百度Y")).toEqual([["百度", "baidu"]]);
    expect(spot("Baidu（百度）")).toEqual([
      ["Baidu", "baidu"],
      ["百度", "baidu"],
    ]);
  });

  it.each([
    "阿里山的风景",
    "阿里地区的天气",
    "阿里郎是民歌",
    "穆罕默德·阿里是拳王",
    "穆罕默德阿里",
    "阿里·巴巴",
  ])("honours the 阿里 guards: %s", (text) => {
    expect(spot(text)).toEqual([]);
  });

  it("finds 阿里 with a context word, and needs context without one", () => {
    expect(spot("阿里的淘宝很大")).toEqual([["阿里", "alibaba"]]);
    expect(spot("我去了阿里")).toEqual([["阿里", "alibaba?"]]);
  });
});

describe("ambiguous aliases", () => {
  it("never matches a lower-case ordinary word", () => {
    expect(spot("waves crashed on the shore")).toEqual([]);
  });

  it("needs context for a capitalised ordinary word, and is not confirmed without it", () => {
    const [waves] = matcher.findMentions("Waves crashed on the shore");
    expect(waves).toMatchObject({ entityId: "waves", needsContext: true });
    expect(isMentionConfirmed(waves as Mention, new Set(["openai"]), index)).toBe(false);
    expect(isMentionConfirmed(waves as Mention, new Set(), index)).toBe(false);
  });

  it("does not match o1 in O(1)", () => {
    expect(spot("O(1) lookups")).toEqual([]);
    expect(spot("O1 lookups")).toEqual([]);
  });

  it.each([
    ["an o1 visa", "o1", "openai-o1"],
    ["an R1 visa", "R1", "deepseek-r1"],
    ["the AIME score", "AIME", "aime"],
    ["the V3 engine", "V3", "deepseek-v3"],
    ["Gemini is a star sign", "Gemini", "gemini"],
    ["R1 models", "R1", "deepseek-r1"],
  ])("%s: needs context, not confirmed on a page without a related entity", (text, name, entityId) => {
    const mentions = matcher.findMentions(text);
    expect(spot(text)).toEqual([[name, `${entityId}?`]]);
    expect(isMentionConfirmed(mentions[0] as Mention, new Set(["tiktok"]), index)).toBe(false);
  });

  it("settles o1 by OpenAI nearby", () => {
    expect(spot("OpenAI’s o1 reasons")).toEqual([
      ["OpenAI", "openai"],
      ["o1", "openai-o1"],
    ]);
  });

  it("settles by a context word before or after, whole word only", () => {
    expect(spot("Waves, the 36Kr outlet")).toEqual([["Waves", "waves"]]);
    expect(spot("an interview in Waves")).toEqual([["Waves", "waves"]]);
    expect(spot("an interviewer in Waves")).toEqual([["Waves", "waves?"]]);
    expect(spot("the R1 reasoning model")).toEqual([["R1", "deepseek-r1"]]);
  });

  it("ignores context words farther than the context window", () => {
    const far = `an interview ${"x ".repeat(60)}in Waves`;
    expect(spot(far)).toEqual([["Waves", "waves?"]]);
    const near = compileMatcher(index.aliasEntries, { contextWindow: 200 });
    expect(spot(far, near)).toEqual([["Waves", "waves"]]);
  });

  it("settles by a mention of the same entity in the same string", () => {
    expect(spot(`Liang Wenfeng ${"x ".repeat(80)}Liang said`)).toEqual([
      ["Liang Wenfeng", "liang-wenfeng"],
      ["Liang", "liang-wenfeng"],
    ]);
  });

  it("settles by a related entity in the same string only when given the relations", () => {
    const text = `Liang Wenfeng ${"x ".repeat(80)}the Chinese outlet Waves`;
    expect(spot(text)).toEqual([
      ["Liang Wenfeng", "liang-wenfeng"],
      ["Waves", "waves"],
    ]);
    const withoutRelations = compileMatcher(index.aliasEntries);
    expect(spot(text, withoutRelations)).toEqual([
      ["Liang Wenfeng", "liang-wenfeng"],
      ["Waves", "waves?"],
    ]);
  });

  it("confirms the Chinese outlet Waves on a page that mentions Liang Wenfeng", () => {
    const page = ["Liang Wenfeng founded a lab.", "It spoke to the Chinese outlet Waves."];
    const mentions = page.flatMap((text) => matcher.findMentions(text));
    const waves = mentions.find((mention) => mention.entityId === "waves") as Mention;
    expect(waves.needsContext).toBe(true);
    const confirmed = collectConfirmedEntityIds(mentions);
    expect(confirmed).toEqual(new Set(["liang-wenfeng"]));
    expect(isMentionConfirmed(waves, confirmed, index)).toBe(true);
    expect(resolveMentions(mentions, index).map((mention) => mention.entityId)).toEqual([
      "liang-wenfeng",
      "waves",
    ]);
  });

  it("confirms an o1 visa only on a page that mentions OpenAI", () => {
    const visa = matcher.findMentions("an o1 visa") as [Mention];
    expect(resolveMentions(visa, index)).toEqual([]);
    const page = [...matcher.findMentions("OpenAI said"), ...visa];
    expect(resolveMentions(page, index).map((mention) => mention.entityId)).toEqual(["openai", "openai-o1"]);
  });

  it("keeps every mention that needs no context, whatever the page", () => {
    const [deepseek] = matcher.findMentions("DeepSeek") as [Mention];
    expect(isMentionConfirmed(deepseek, new Set(), index)).toBe(true);
  });
});

describe("every bundled alias", () => {
  const normalise = (text: string): string =>
    text
      .normalize("NFC")
      .toLowerCase()
      .replace(/[\s\-\u2010-\u2015]+/gu, " ")
      .trim();
  const byNormalText = new Map<string, Set<string>>();
  for (const entry of index.aliasEntries) {
    const key = normalise(entry.alias.text);
    byNormalText.set(key, (byNormalText.get(key) ?? new Set()).add(entry.entityId));
  }

  const sentences: [string, (alias: string) => string][] = [
    ["an English sentence", (alias) => `I read about ${alias} today.`],
    ["a Chinese sentence", (alias) => `我今天读到了${alias}的消息。`],
  ];
  for (const [label, sentence] of sentences) {
    it(`is found in ${label} and resolves to its own entity`, () => {
      const failures: string[] = [];
      for (const { entityId, alias } of index.aliasEntries) {
        const text = sentence(alias.text);
        const at = text.indexOf(alias.text);
        const found = matcher.findMentions(text);
        const hit = found.find((mention) => mention.start === at && mention.end === at + alias.text.length);
        // Two entities may share an alias only if both are ambiguous: either may win then.
        const owners = byNormalText.get(normalise(alias.text)) ?? new Set([entityId]);
        if (!hit || !owners.has(hit.entityId) || (owners.size === 1 && hit.entityId !== entityId)) {
          failures.push(`${entityId} "${alias.text}": ${JSON.stringify(found)}`);
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it("compiles every alias", () => {
    expect(matcher.aliasCount).toBe(index.aliasEntries.length);
  });
});

describe("results", () => {
  it("are empty for empty text and text without names", () => {
    expect(matcher.findMentions("")).toEqual([]);
    expect(matcher.findMentions("The weather in Lisbon was mild all week.")).toEqual([]);
  });

  it("give UTF-16 offsets, sorted and never overlapping", () => {
    const text = "😀 DeepSeek-V3, 阿里巴巴 and Qwen3 beat OpenAI’s o1 and Llama 3.1 405B.";
    const mentions = matcher.findMentions(text);
    expect(mentions.map((mention) => text.slice(mention.start, mention.end))).toEqual([
      "DeepSeek-V3",
      "阿里巴巴",
      "Qwen3",
      "OpenAI",
      "o1",
      "Llama 3.1 405B",
    ]);
    for (const [i, mention] of mentions.entries()) {
      expect(mention.start).toBeLessThan(mention.end);
      if (i > 0) expect(mention.start).toBeGreaterThanOrEqual((mentions[i - 1] as Mention).end);
    }
    expect(mentions[0]).toEqual({
      start: 3,
      end: 14,
      entityId: "deepseek-v3",
      alias: "DeepSeek-V3",
      needsContext: false,
    });
  });

  it("report the alias text as in the pack, preferring the one spelled as written", () => {
    const alias = (text: string) => matcher.findMentions(text).map((mention) => mention.alias);
    expect(alias("Qwen2.5 Max")).toEqual(["Qwen2.5 Max"]);
    expect(alias("Qwen-2.5-Max")).toEqual(["Qwen-2.5-Max"]);
    expect(alias("qwen2.5 max")).toEqual(["Qwen 2.5-Max"]);
    expect(alias("Deepseek")).toEqual(["Deepseek"]);
    expect(alias("DEEPSEEK")).toEqual(["DeepSeek"]);
  });

  it("skip aliases without a visible character", () => {
    const odd = compileMatcher(entries(["blank", { text: " \u00ad " }], ["nova", { text: "Nova" }]));
    expect(odd.aliasCount).toBe(1);
    expect(spot("Nova", odd)).toEqual([["Nova", "nova"]]);
  });
});

describe("at scale", () => {
  const synthetic = makeSyntheticAliasEntries(5000, 3);
  const large = compileMatcher([...index.aliasEntries, ...synthetic], { related: index });

  it("makes the same synthetic names for the same seed, distinct ones for another", () => {
    expect(makeSyntheticAliasEntries(5000, 3)).toEqual(synthetic);
    expect(makeSyntheticAliasEntries(50, 4)).not.toEqual(synthetic.slice(0, 50));
    expect(makeSyntheticAliasEntries(0)).toEqual([]);
    expect(new Set(synthetic.map((entry) => entry.alias.text.toLowerCase())).size).toBe(5000);
    expect(synthetic.some((entry) => entry.alias.lang === "zh")).toBe(true);
    expect(synthetic.some((entry) => entry.alias.versioned)).toBe(true);
    expect(synthetic.some((entry) => entry.alias.ambiguous)).toBe(true);
  });

  it("counts every alias", () => {
    expect(large.aliasCount).toBe(index.aliasEntries.length + synthetic.length);
  });

  it("finds the same built-in names with 5,000 extra names", () => {
    const text =
      "使用DeepSeek模型: DeepSeek-V3, Qwen 2.5-Max and 阿里巴巴 face OpenAI’s o1; Liang Wenfeng spoke to Waves.";
    expect(spot(text, large)).toEqual(spot(text));
  });

  it("finds the extra names in running text", () => {
    const sample = synthetic.filter((_, i) => i % 250 === 0);
    for (const { entityId, alias } of sample) {
      const text =
        alias.lang === "zh" ? `据报道${alias.text}今天宣布` : `Reportedly, ${alias.text} announced today`;
      const found = large.findMentions(text).map((mention) => text.slice(mention.start, mention.end));
      expect(found, `${entityId} "${alias.text}"`).toContain(alias.text);
    }
  });
});
