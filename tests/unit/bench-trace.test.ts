import { describe, expect, it } from "vitest";
// The benchmark's attribution (tests/bench/lib/trace.mjs) is pure: a trace and a JS profile in,
// figures out. These synthetic traces pin each of its rules, so a change to one shows here.
import { attribute, tasksOf } from "../bench/lib/trace.mjs";

const ORIGIN = "chrome-extension://ext/";
const PID = 1;
const TID = 7;
const PAGE_FRAME = "F-page";

type TraceEvent = Record<string, unknown> & { name: string; ts: number };

/** A complete event on the page's main thread: `ts` and `dur` in µs, `cpu` (tdur) in µs too. */
function slice(name: string, ts: number, dur: number, extra: Record<string, unknown> = {}): TraceEvent {
  return { name, ph: "X", pid: PID, tid: TID, ts, dur, tdur: dur, ...extra };
}

/** A top-level task; `postedBy` is its `src_func` (Blink's injection of a content script, say). */
function task(ts: number, dur: number, options: { cpu?: number; postedBy?: string } = {}): TraceEvent {
  return slice("ThreadControllerImpl::RunTask", ts, dur, {
    tdur: options.cpu ?? dur,
    args: { src_func: options.postedBy ?? "RunOrPostTask" },
  });
}

const INJECTION = "PostExecuteAndDestroySelf";

function compile(ts: number, dur: number, url = `${ORIGIN}content.js`): TraceEvent {
  return slice("v8.compile", ts, dur, { args: { data: { url } } });
}

function mark(name: string, ts: number, frame: string, data: Record<string, unknown> = {}): TraceEvent {
  return { name, ph: "R", pid: PID, tid: TID, ts, args: { frame, data } };
}

function world(ts: number, dur: number, mainFrame = true): TraceEvent {
  return slice("LocalWindowProxy::Initialize", ts, dur, { args: { IsMainFrame: mainFrame } });
}

const THREAD_NAME: TraceEvent = {
  name: "thread_name",
  ph: "M",
  pid: PID,
  tid: TID,
  ts: 0,
  args: { name: "CrRendererMain" },
};

type Kind = "ours" | "page" | "native";

/** A JS profile on the trace's clock: one sample at each `[ts, kind]`. */
function profileOf(samples: ReadonlyArray<readonly [number, Kind]>) {
  const ids: Record<Kind, number> = { native: 2, ours: 3, page: 4 };
  const sorted = [...samples].sort((a, b) => a[0] - b[0]);
  let last = 0;
  return {
    startTime: 0,
    nodes: [
      { id: 1, callFrame: { functionName: "(root)", url: "" }, children: [2, 3, 4] },
      { id: 2, callFrame: { functionName: "(program)", url: "" } },
      { id: 3, callFrame: { functionName: "scan", url: `${ORIGIN}content.js` } },
      { id: 4, callFrame: { functionName: "onScroll", url: "http://127.0.0.1/page.js" } },
    ],
    samples: sorted.map(([, kind]) => ids[kind]),
    timeDeltas: sorted.map(([ts]) => {
      const delta = ts - last;
      last = ts;
      return delta;
    }),
  };
}

/** Our samples every 100 µs over [from, to). */
function ours(from: number, to: number): Array<[number, Kind]> {
  const out: Array<[number, Kind]> = [];
  for (let ts = from; ts < to; ts += 100) out.push([ts, "ours"]);
  return out;
}

/** A page document's marks: started, committed and DOMContentLoaded at the given times. */
function documentMarks(frame: string, started: number, loaded: number, url = "http://127.0.0.1/a.html") {
  return [
    mark("navigationStart", started, frame, { isOutermostMainFrame: true, documentLoaderURL: url }),
    mark("commitNavigationEnd", started + 10, frame),
    mark("domContentLoadedEventEnd", loaded, frame),
  ];
}

describe("the bench's attribution of main-thread time (tests/bench/lib/trace.mjs)", () => {
  it("counts the injecting task whole, its compile and top-level run, though compiling shows no JS", () => {
    const events = [
      THREAD_NAME,
      task(1_000, 3_000, { postedBy: INJECTION }),
      compile(1_010, 2_000),
      slice("v8.run", 3_020, 900),
    ];
    // Only the run is sampled as ours; the compile, most of the task, is native work.
    const compiling: Array<[number, Kind]> = [];
    for (let ts = 1_050; ts < 3_000; ts += 100) compiling.push([ts, "native"]);
    const figures = attribute(events, profileOf([...compiling, ...ours(3_100, 3_900)]), ORIGIN);
    expect(figures?.scriptMs).toBeCloseTo(3, 5);
    expect(figures?.compileMs).toBeCloseTo(2, 5);
    expect(figures?.injectionMs).toBeCloseTo(3, 5);
    expect(figures?.tasks).toBe(1);
  });

  it("counts the injecting task whole when the world is made inside it, with little JS sampled", () => {
    const events = [
      THREAD_NAME,
      task(1_000, 3_000, { postedBy: INJECTION }),
      world(1_010, 2_500),
      task(6_000, 1_000),
    ];
    const native: Array<[number, Kind]> = [];
    for (let ts = 1_050; ts < 3_500; ts += 100) native.push([ts, "native"]);
    const profile = profileOf([...native, ...ours(3_600, 4_000), ...ours(6_000, 7_000)]);
    const figures = attribute(events, profile, ORIGIN);
    expect(figures?.injectionMs).toBeCloseTo(3, 5);
    expect(figures?.scriptMs).toBeCloseTo(4, 5);
    // A task not posted as an injection with the same samples gets its share only.
    const posted = events.map((e) => (e.ts === 1_000 ? task(1_000, 3_000) : e));
    expect(attribute(posted, profile, ORIGIN)?.scriptMs).toBeCloseTo(1 + (3 * 4) / 29, 5);
  });

  it("gives a page task that called into the extension only the extension's share of its samples", () => {
    const events = [THREAD_NAME, task(1_000, 1_000), task(5_000, 1_000)];
    const profile = profileOf([
      [1_100, "ours"],
      [1_300, "page"],
      [1_500, "page"],
      [1_700, "page"],
      ...ours(5_000, 6_000),
    ]);
    const figures = attribute(events, profile, ORIGIN);
    // A quarter of the first task, all of the second (mostly ours, nothing else).
    expect(figures?.scriptMs).toBeCloseTo(0.25 + 1, 5);
    expect(figures?.compileMs).toBe(0);
    expect(figures?.injectionMs).toBe(0);
  });

  it("counts thread time, not wall-clock time, and reports the longest task", () => {
    const events = [THREAD_NAME, task(1_000, 4_000, { cpu: 1_500 }), task(9_000, 800)];
    const figures = attribute(events, profileOf([...ours(1_000, 5_000), ...ours(9_000, 9_800)]), ORIGIN);
    expect(figures?.scriptMs).toBeCloseTo(2.3, 5);
    expect(figures?.scriptWallMs).toBeCloseTo(4.8, 5);
    expect(figures?.longestTaskMs).toBeCloseTo(1.5, 5);
    expect(figures?.longestTaskWallMs).toBeCloseTo(4, 5);
  });

  it("leaves out the tasks that answered the harness's messages, and counts them", () => {
    const events = [
      THREAD_NAME,
      task(1_000, 1_000),
      task(3_000, 600),
      slice("Receive mojo message", 3_010, 500),
    ];
    const figures = attribute(events, profileOf([...ours(1_000, 2_000), ...ours(3_000, 3_600)]), ORIGIN);
    expect(figures?.scriptMs).toBeCloseTo(1, 5);
    expect(figures?.messagingTasks).toBe(1);
  });

  it("joins a microtask checkpoint traced beside its task to that task", () => {
    const events = [
      THREAD_NAME,
      task(1_000, 200),
      slice("BlinkScheduler_PerformMicrotaskCheckpoint", 1_200, 2_000),
      task(4_000, 100),
    ];
    const tasks = tasksOf(events, { pid: PID, tid: TID });
    expect(tasks).toHaveLength(2);
    expect(tasks[0]?.event.tdur).toBe(2_200);
    const figures = attribute(events, profileOf(ours(1_200, 3_200)), ORIGIN);
    expect(figures?.scriptMs).toBeCloseTo(2.2, 5);
  });

  it("counts a frame's rendering only after the extension changed the page and no other script ran", () => {
    const render = (ts: number) => [
      task(ts, 500),
      slice("LocalFrameView::RunPaintLifecyclePhase", ts + 10, 400),
    ];
    const events = [THREAD_NAME, task(1_000, 1_000), ...render(3_000), task(5_000, 1_000), ...render(8_000)];
    // The first frame follows our task alone; the second, a task where a page script ran too.
    const profile = profileOf([...ours(1_000, 2_000), ...ours(5_000, 5_400), [5_500, "page"]]);
    const changed = attribute(events, profile, ORIGIN);
    expect(changed?.renderMs).toBeCloseTo(0.4, 5);
    expect(changed?.totalMs).toBeCloseTo(1 + 0.8 + 0.4, 5);
    const unchanged = attribute(events, profile, ORIGIN, { changedPage: false });
    expect(unchanged?.renderMs).toBe(0);
  });

  it("counts a module's compile task whole and the loader tasks that received it (an upper bound)", () => {
    const loader = (ts: number) => [
      task(ts, 300),
      slice("Receive mojo message", ts + 10, 200, {
        args: { chrome_mojo_event_info: { mojo_interface_tag: "network.mojom.URLLoaderClient" } },
      }),
    ];
    const events = [
      THREAD_NAME,
      task(1_000, 1_000),
      ...loader(3_000),
      ...loader(4_000),
      task(6_000, 700),
      slice("v8.compileModule", 6_010, 600, { args: { fileName: `${ORIGIN}content-main.js` } }),
    ];
    const figures = attribute(events, profileOf([...ours(1_000, 2_000), [6_300, "native"]]), ORIGIN);
    expect(figures?.loadingMs).toBeCloseTo(0.6, 5);
    expect(figures?.compileMs).toBeCloseTo(0.6, 5);
    expect(figures?.scriptMs).toBeCloseTo(1 + 0.6 + 0.7, 5);
  });

  describe("the world's creation (rule 6)", () => {
    const injection = () => [task(20_000, 1_000, { postedBy: INJECTION }), compile(20_010, 300)];
    const profile = profileOf(ours(20_400, 21_000));

    it("is the last main-frame creation between the tested page's DOMContentLoaded and the first task", () => {
      const events = [
        THREAD_NAME,
        ...documentMarks(PAGE_FRAME, 1_000, 10_000),
        world(1_100, 900), // the page's own, at the commit
        world(15_000, 1_500), // a content script's world before ours
        world(17_000, 2_500), // ours
        world(19_600, 300, false), // a child frame's
        ...injection(),
      ];
      const figures = attribute(events, profile, ORIGIN, { world: true });
      expect(figures?.worldMs).toBeCloseTo(2.5, 5);
      // Reported apart: not in the totals.
      expect(figures?.totalMs).toBeCloseTo(1, 5);
      expect(attribute(events, profile, ORIGIN)?.worldMs).toBe(0);
    });

    it("takes the tested document's marks, not those of a plugin placeholder loaded after it", () => {
      const events = [
        THREAD_NAME,
        ...documentMarks(PAGE_FRAME, 1_000, 10_000),
        // A placeholder is an outermost main frame of its own, but not an http(s) document…
        ...documentMarks("F-placeholder", 11_000, 19_000, "data:text/html,pluginplaceholderdata"),
        world(15_000, 2_000),
        ...injection(),
      ];
      expect(attribute(events, profile, ORIGIN, { world: true })?.worldMs).toBeCloseTo(2, 5);
    });

    it("is none when the script runs before the page's DOMContentLoaded (document_start)", () => {
      const events = [
        THREAD_NAME,
        ...documentMarks(PAGE_FRAME, 1_000, 30_000),
        world(1_100, 900),
        world(18_000, 2_500),
        ...injection(),
      ];
      expect(attribute(events, profile, ORIGIN, { world: true })?.worldMs).toBe(0);
    });
  });
});
