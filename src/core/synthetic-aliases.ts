/**
 * Made-up names of the kind users track ("Acme Labs 123", "Project Falcon", "Zhang Xiaoming",
 * "蓝海科技"), for benchmarks and scale tests of the matcher. Deterministic and pure.
 */
import type { AliasEntry } from "./knowledge-index";

const BRANDS = [
  "Acme",
  "Nimbus",
  "Falcon",
  "Orion",
  "Vertex",
  "Quantum",
  "Blue",
  "Silver",
  "Nova",
  "Atlas",
  "Zenith",
  "Helix",
  "Pioneer",
  "Summit",
  "Apex",
  "Cedar",
  "Maple",
  "Harbor",
  "River",
  "Stellar",
  "Aurora",
  "Beacon",
  "Cobalt",
  "Delta",
  "Ember",
  "Fusion",
  "Granite",
  "Horizon",
  "Iris",
  "Juniper",
  "Kestrel",
  "Lumen",
  "Meridian",
  "Nexus",
  "Onyx",
  "Polaris",
  "Quartz",
  "Radiant",
  "Sierra",
  "Titan",
  "Umbra",
  "Vector",
  "Willow",
  "Xenon",
  "Yonder",
  "Zephyr",
  "Open",
  "Deep",
  "Smart",
  "Bright",
  "Red",
  "Green",
  "North",
  "East",
  "Golden",
  "Swift",
  "Clear",
  "Prime",
  "Solid",
  "True",
] as const;
const KINDS = [
  "Labs",
  "AI",
  "Robotics",
  "Systems",
  "Analytics",
  "Dynamics",
  "Networks",
  "Technologies",
  "Capital",
  "Ventures",
  "Research",
  "Studio",
  "Cloud",
  "Data",
  "Bio",
  "Semiconductor",
  "Media",
  "Logistics",
  "Health",
  "Energy",
  "Mobility",
  "Intelligence",
  "Software",
  "Group",
] as const;
const PRODUCTS = [
  "Chat",
  "Mind",
  "Coder",
  "Vision",
  "Voice",
  "Pilot",
  "Agent",
  "Brain",
  "Writer",
  "Lens",
] as const;
const SURNAMES = [
  "Zhang",
  "Wang",
  "Li",
  "Liu",
  "Chen",
  "Yang",
  "Huang",
  "Zhao",
  "Wu",
  "Zhou",
  "Xu",
  "Sun",
  "Ma",
  "Zhu",
  "Hu",
  "Guo",
  "He",
  "Lin",
  "Luo",
  "Gao",
  "Zheng",
  "Liang",
  "Xie",
  "Song",
  "Tang",
  "Han",
] as const;
const GIVEN = [
  "Wei",
  "Xiaoming",
  "Jun",
  "Hao",
  "Yifan",
  "Zhiwei",
  "Lei",
  "Jing",
  "Min",
  "Yan",
  "Tao",
  "Bo",
  "Xin",
  "Ying",
  "Hui",
  "Qiang",
  "Ning",
  "Yuxuan",
  "Zihan",
  "Haoran",
  "Mingyu",
  "Xiaohong",
] as const;
const FIRST_NAMES = [
  "Alice",
  "Benjamin",
  "Clara",
  "David",
  "Elena",
  "Felix",
  "Grace",
  "Hugo",
  "Ines",
  "Jonas",
  "Katrin",
  "Lucas",
  "Maya",
  "Nathan",
  "Olga",
  "Pablo",
  "Rosa",
  "Samuel",
  "Tessa",
  "Viktor",
] as const;
const LAST_NAMES = [
  "Andersen",
  "Baker",
  "Castillo",
  "Dubois",
  "Eriksen",
  "Fischer",
  "Garcia",
  "Hoffmann",
  "Ivanova",
  "Jansen",
  "Kowalski",
  "Laurent",
  "Moreau",
  "Novak",
  "Okafor",
  "Petrov",
  "Rossi",
  "Schmidt",
] as const;
const HAN_SYLLABLES = [
  ..."星河蓝海云天智远思源明德华创新宇辰光启未来数智图灵深度灵犀极光量子乾坤鸿蒙青松翰林",
];
const HAN_KINDS = ["科技", "智能", "数据", "网络", "资本", "实验室", "研究院", "集团"] as const;
const HAN_SURNAMES = [..."张王李刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"];
const HAN_GIVEN = [..."伟明军浩一凡志磊静敏燕涛波欣颖慧强宁宇轩涵然"];
const CONTEXT_WORDS = ["startup", "funding", "model", "chip", "robot", "investor"] as const;

/** mulberry32: a small, fast, well-mixed deterministic generator. */
function makeRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` alias entries for made-up entities, the way a user's own tracked names look:
 * companies ("Acme Labs", "Nimbus Robotics 123", "Project Falcon"), products ("NovaChat",
 * versioned), people ("Zhang Xiaoming", "Elena Rossi"), Chinese companies and people
 * ("蓝海科技", "张伟明", lang zh) and a few case-sensitive ambiguous acronyms with context words.
 *
 * Contract: pure and deterministic — the same `count` and `seed` give equal output; every
 * alias text is distinct after case folding; entity ids are `user-<n>` (one alias per
 * entity). `count <= 0` gives an empty array.
 */
export function makeSyntheticAliasEntries(count: number, seed = 1): AliasEntry[] {
  const random = makeRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const entries: AliasEntry[] = [];
  const seen = new Set<string>();
  while (entries.length < count) {
    const roll = random();
    const id = `user-${entries.length + 1}`;
    let entry: AliasEntry;
    if (roll < 0.25) {
      entry = { entityId: id, alias: { text: `${pick(BRANDS)} ${pick(KINDS)}` } };
    } else if (roll < 0.35) {
      entry = {
        entityId: id,
        alias: { text: `${pick(BRANDS)} ${pick(KINDS)} ${1 + Math.floor(random() * 999)}` },
      };
    } else if (roll < 0.42) {
      entry = { entityId: id, alias: { text: `Project ${pick(BRANDS)}` } };
    } else if (roll < 0.52) {
      entry = { entityId: id, alias: { text: `${pick(BRANDS)}${pick(PRODUCTS)}`, versioned: true } };
    } else if (roll < 0.64) {
      entry = { entityId: id, alias: { text: `${pick(SURNAMES)} ${pick(GIVEN)}` } };
    } else if (roll < 0.72) {
      entry = { entityId: id, alias: { text: `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}` } };
    } else if (roll < 0.84) {
      const name = `${pick(HAN_SYLLABLES)}${pick(HAN_SYLLABLES)}${pick(HAN_KINDS)}`;
      entry = { entityId: id, alias: { text: name, lang: "zh" } };
    } else if (roll < 0.94) {
      const given = random() < 0.5 ? pick(HAN_GIVEN) : `${pick(HAN_GIVEN)}${pick(HAN_GIVEN)}`;
      entry = { entityId: id, alias: { text: `${pick(HAN_SURNAMES)}${given}`, lang: "zh" } };
    } else {
      const letters = Array.from({ length: 3 + Math.floor(random() * 2) }, () =>
        String.fromCharCode(0x41 + Math.floor(random() * 26)),
      ).join("");
      entry = {
        entityId: id,
        alias: {
          text: letters,
          caseSensitive: true,
          ambiguous: true,
          contextWords: [pick(CONTEXT_WORDS), pick(CONTEXT_WORDS)],
        },
      };
    }
    // Small pools run dry at large counts: number a repeated name rather than roll forever.
    if (seen.has(entry.alias.text.toLowerCase())) {
      entry = { ...entry, alias: { ...entry.alias, text: `${entry.alias.text} ${entries.length + 1}` } };
    }
    const key = entry.alias.text.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push(entry);
  }
  return entries;
}
