/**
 * Attributes a tab's main-thread time to one extension's content script, from a Chromium
 * trace and a JS sampling profile of the tab on the same clock (see `startRecording` in
 * browser.mjs). Pure: events and profile in, figures out.
 *
 * Why samples and not DevTools' FunctionCall events: Chromium emits a FunctionCall trace
 * event (with counters) for every DOM callback that runs outside a script, and our sliced
 * scan runs in microtasks, so each NodeFilter call of its TreeWalker became an instrumented
 * call — that made our content script 3–4× slower under tracing while leaving one-task
 * scripts (the bare walk, mark.js) almost untouched. JS stack samples cost every variant alike.
 *
 * The method, the same for every variant:
 * 1. The page's main thread is the renderer main thread whose tasks hold the profile's
 *    samples of the extension's code.
 * 2. Each top-level task is judged by the samples taken during it: a sample is the
 *    extension's when its stack holds a frame of the extension's URL, another script's when
 *    it holds any other JS frame, neither when it is native work (parser, GC, style …).
 * 3. A task where the extension has most of the samples and no other script any, and which
 *    renders nothing, counts whole (task overhead, compile, GC and microtasks included). So
 *    does the task that injects the content script (posted by Blink's PausableScriptExecutor)
 *    when it shows the extension and no other script: compiling the script is native work
 *    with no JS frame on the stack, and a script compiled eagerly (a compile hint, say) would
 *    otherwise shed its compile time by no longer having most of the samples. In any other
 *    task the extension gets its share of the samples — so a page task that trips our
 *    MutationObserver, or a frame that runs our requestAnimationFrame callback, is not ours.
 * 4. Rendering (style, layout, pre-paint, paint) counts when the extension changed the page
 *    (the caller says so: mentions highlighted, marks inserted) and it, and no other script,
 *    ran since the previous frame: that frame is there for the extension's changes
 *    (mark.js's wrappers need layout; our highlights need paint). The page's own late work
 *    (a failed image, a web font) can still land in such a frame: the render figure is an
 *    upper bound, reported apart as well.
 * 5. A content script may load more of its code as ES modules (ours does: see
 *    src/content/index.ts). A module is compiled on a background thread as it streams in;
 *    the main thread then finishes the compile in a task of its own (a `v8.compileModule` or
 *    `v8.compile` event naming the extension's URL): that task counts whole. So do the tasks
 *    that received the module. By default the trace cannot tell whose load a URL-loader task
 *    serves, so every URL-loader task and script-decoder task between the task that asked for
 *    the module and its compile counts: an upper bound. With the category
 *    disabled-by-default-v8.compile (off by default: recording it costs our module 2–3 ms per
 *    page) they are named exactly: the task holding the `v8.streamingCompile.start` with the
 *    request id of the compile's `v8.streamingCompile.complete`, and the decoder's tasks since.
 * 6. Before a content script runs at document_idle, Chromium creates the extension's world in
 *    the page (its own JS context): a `LocalWindowProxy::Initialize` of the main frame, in a
 *    task of its own before the injection, with no JS of the extension on the stack, so rules
 *    2–3 never count it. It is reported apart (`worldMs`, not in the totals): the last
 *    main-frame world creation after the tested document's `domContentLoadedEventEnd` and
 *    before the extension's first task (the page's own world and the harness's are made at the
 *    commit, before it). A script injected at document_start makes its world inside its own
 *    task, which rule 3 counts whole, before the document's DOMContentLoaded: then none is
 *    counted.
 * Tasks in which the extension answered the harness's messages are left out and counted.
 * Times are thread (CPU) time, which other processes on a busy machine do not inflate; the
 * `*WallMs` figures are wall-clock durations. A task shorter than the sampling interval
 * (0.25 ms) can go unseen, unless the extension marks it (the peers do).
 */

const TASK_EVENTS = new Set(["ThreadControllerImpl::RunTask"]);
const CHECKPOINT_EVENT = "BlinkScheduler_PerformMicrotaskCheckpoint";
// Lifecycle phases of a frame (category "benchmark"); a forced layout inside a script shows up too.
const RENDER_EVENTS = new Set([
  "LocalFrameView::RunStyleAndLayoutLifecyclePhases",
  "LocalFrameView::RunCompositingInputsLifecyclePhase",
  "LocalFrameView::RunPrePaintLifecyclePhase",
  "LocalFrameView::RunPaintLifecyclePhase",
]);
const MESSAGE_EVENT = "Receive mojo message";
// The main-thread end of a script's compile (category "v8"); `args.data.url` names the script.
// (`v8.streamingCompile.*` come with disabled-by-default-v8.compile, off by default; see loadingTasksOf.)
const COMPILE_EVENTS = new Set(["v8.compile", "v8.compileModule"]);
// A JS context's creation in a frame (category "v8"), and the document's DOMContentLoaded (rule 6).
const WORLD_EVENT = "LocalWindowProxy::Initialize";
const DOM_CONTENT_LOADED_MARK = "domContentLoadedEventEnd";
const COMMIT_MARK = "commitNavigationEnd";
const NAVIGATION_MARK = "navigationStart";
const URL_LOADER = "network.mojom.URLLoaderClient";
// Where Chromium posts the task that runs an extension's content script (the task's `src_func`).
const INJECTION_POSTED_BY = "PostExecuteAndDestroySelf";

const OURS = 1;
const OTHER_SCRIPT = 2;
const NATIVE = 0;

const end = (event) => event.ts + (event.dur ?? 0);

/**
 * The samples of a DevTools CPU profile, sorted, as `{ts, kind}`: OURS when the stack holds a
 * frame of `origin`, OTHER_SCRIPT when it holds another JS frame, NATIVE otherwise.
 */
export function profileSamples(profile, origin) {
  if (!profile?.nodes) return [];
  const parentOf = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const kinds = new Map();
  const kindOf = (id) => {
    if (kinds.has(id)) return kinds.get(id);
    const frame = byId.get(id)?.callFrame ?? {};
    const parent = parentOf.has(id) ? kindOf(parentOf.get(id)) : NATIVE;
    let kind = parent;
    if (frame.url?.startsWith(origin)) kind = OURS;
    // "(root)", "(program)", "(idle)", "(garbage collector)" are native; every other frame is JS.
    else if (parent !== OURS && !(frame.functionName ?? "(").startsWith("(")) kind = OTHER_SCRIPT;
    kinds.set(id, kind);
    return kind;
  };
  const samples = [];
  let ts = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    ts += profile.timeDeltas[i] ?? 0;
    samples.push({ ts, kind: kindOf(profile.samples[i]) });
  }
  return samples.sort((a, b) => a.ts - b.ts);
}

/** Renderer main threads of the trace, as `{pid, tid}`. */
function rendererMainThreads(events) {
  return events
    .filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain")
    .map((e) => ({ pid: e.pid, tid: e.tid }));
}

/**
 * The page's main thread for the extension `origin`: the renderer main thread whose tasks
 * hold the extension's first samples. Returns `{pid, tid, samples, firstOwnTs}` or undefined.
 */
export function findThread(events, profile, origin) {
  const samples = profileSamples(profile, origin);
  const own = samples.filter((sample) => sample.kind === OURS).slice(0, 20);
  if (own.length === 0) return undefined;
  let best;
  for (const thread of rendererMainThreads(events)) {
    const tasks = events.filter(
      (e) =>
        e.pid === thread.pid &&
        e.tid === thread.tid &&
        (TASK_EVENTS.has(e.name) || e.name === CHECKPOINT_EVENT),
    );
    const hits = own.filter((sample) => tasks.some((t) => sample.ts >= t.ts && sample.ts <= end(t))).length;
    if (hits > 0 && (!best || hits > best.hits)) best = { ...thread, hits };
  }
  return best && { pid: best.pid, tid: best.tid, samples, firstOwnTs: own[0].ts };
}

/** The thread of the first of `marks`, with the profile's samples, when none showed the extension. */
function threadOfMark(profile, marks, origin) {
  if (marks.length === 0) return undefined;
  const { pid, tid } = marks[0];
  return { pid, tid, samples: profileSamples(profile, origin), firstOwnTs: Number.POSITIVE_INFINITY };
}

/** First index in sorted `items` whose `ts` is ≥ `ts`. */
function lowerBound(items, ts) {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].ts < ts) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Sample counts by kind in [from, to]. */
function countSamples(samples, from, to) {
  const counts = { all: 0, own: 0, other: 0 };
  for (let i = lowerBound(samples, from); i < samples.length && samples[i].ts <= to; i++) {
    counts.all++;
    if (samples[i].kind === OURS) counts.own++;
    else if (samples[i].kind === OTHER_SCRIPT) counts.other++;
  }
  return counts;
}

/**
 * The top-level tasks of the thread, each with the events nested in it, in order. The
 * microtask checkpoint that the scheduler runs right after a task is traced beside it, not
 * inside it (a `scheduler.yield()` continuation does all its work there): it joins its task.
 */
export function tasksOf(events, { pid, tid }) {
  const thread = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === "X")
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const tasks = [];
  let current;
  for (const event of thread) {
    const inside = current && event.ts < end(current.event);
    if (TASK_EVENTS.has(event.name) && !inside) {
      current = { event: { ...event }, inner: [] };
      tasks.push(current);
    } else if (event.name === CHECKPOINT_EVENT && !inside && current) {
      const joined = current.event;
      joined.tdur = (joined.tdur ?? joined.dur ?? 0) + (event.tdur ?? event.dur ?? 0);
      joined.dur = end(event) - joined.ts;
      current.inner.push(event);
    } else if (inside) {
      current.inner.push(event);
    }
  }
  return tasks;
}

/** Wall and thread (CPU) time of `events` (outermost ones), times `share`, in ms. */
function timeOf(events, share = 1) {
  let wall = 0;
  let cpu = 0;
  let coveredUntil = -1;
  for (const event of events) {
    if (event.ts < coveredUntil) continue;
    coveredUntil = end(event);
    wall += event.dur ?? 0;
    cpu += event.tdur ?? event.dur ?? 0;
  }
  return { wall: (wall * share) / 1000, cpu: (cpu * share) / 1000 };
}

/** True when `event` finishes compiling one of the scripts under `origin`. */
function compilesOwnScript(event, origin) {
  const url = event.args?.data?.url ?? event.args?.fileName;
  return COMPILE_EVENTS.has(event.name) && typeof url === "string" && url.startsWith(origin);
}

/** True when `task` decodes a script's bytes as they arrive. */
function isScriptDecoderTask(task) {
  return (
    task.event.args?.src_func === "DidReceiveData" && /script_decoder/.test(task.event.args?.src_file ?? "")
  );
}

/** True when `task` carries network loader messages or script bytes being decoded. */
function isLoaderTask(task) {
  return (
    isScriptDecoderTask(task) ||
    task.inner.some((e) => e.args?.chrome_mojo_event_info?.mojo_interface_tag === URL_LOADER)
  );
}

/** The request id of the streamed script whose compile `task` finishes, if the trace says. */
function streamedRequestOf(task) {
  return task.inner.find((e) => e.name === "v8.streamingCompile.complete" && e.ph === "X")?.args?.data
    ?.requestId;
}

/**
 * Indices of the tasks that received the module whose compile task `index` finishes (rule 5):
 * its streaming start and the script decoder's tasks since, or, when the trace lacks the
 * streaming events, every URL-loader and decoder task since the extension's previous task.
 */
function loadingTasksOf(tasks, infos, index) {
  const found = [];
  const requestId = streamedRequestOf(tasks[index]);
  if (requestId !== undefined) {
    for (let before = index - 1; before >= 0 && !infos[before].hasOwn; before--) {
      const task = tasks[before];
      const starts = task.inner.some(
        (e) =>
          e.name === "v8.streamingCompile.start" && e.ph === "X" && e.args?.data?.requestId === requestId,
      );
      if (starts || isScriptDecoderTask(task)) found.push(before);
      if (starts) return found;
    }
  }
  const upperBound = [];
  for (let before = index - 1; before >= 0 && !infos[before].hasOwn; before--) {
    if (isLoaderTask(tasks[before])) upperBound.push(before);
  }
  return upperBound;
}

/**
 * Classifies one task for the extension; see the module comment. `origin`: the extension's
 * URL prefix, to recognise the compile of its modules.
 */
export function classifyTask(task, samples, ownMarks = [], origin = undefined) {
  const counts = countSamples(samples, task.event.ts, end(task.event));
  const render = task.inner.filter((e) => RENDER_EVENTS.has(e.name));
  const ownCompiles = origin === undefined ? [] : task.inner.filter((e) => compilesOwnScript(e, origin));
  const compiles = ownCompiles.length > 0;
  const marked = compiles || ownMarks.some((ts) => ts >= task.event.ts && ts <= end(task.event));
  const hasOwn = counts.own > 0 || marked;
  // Whole when the task is the extension's: marked by it, or mostly its samples (the rest
  // being compile, GC, task overhead); a page task that merely called into it gets a share.
  const injection = task.event.args?.src_func === INJECTION_POSTED_BY;
  const mostlyOwn = marked || injection || counts.own * 2 >= counts.all;
  let own = { wall: 0, cpu: 0 };
  if (hasOwn && counts.other === 0 && render.length === 0 && mostlyOwn) own = timeOf([task.event]);
  else if (hasOwn) own = timeOf([task.event], counts.all > 0 ? counts.own / counts.all : 0);
  return {
    ts: task.event.ts,
    own,
    injection,
    compileMs: timeOf(ownCompiles).cpu,
    render: timeOf(render),
    hasOwn,
    compiles,
    hasOtherScript: counts.other > 0,
    messaging: hasOwn && task.inner.some((e) => e.name === MESSAGE_EVENT),
  };
}

/**
 * Main-thread time of the extension `origin` in `events` and `profile`, over tasks in [from, to] (trace
 * clock, µs; `from` defaults to the extension's first sample). `changedPage`: whether the
 * extension changed what the page shows (else no rendering is its). `markName`: a User
 * Timing mark the extension sets in its own tasks, so that tasks too short to be sampled
 * are found. `world`: also report the world's creation before the first task (`worldMs`, rule
 * 6; a first pass's measure only, else 0). Of the counted time, `compileMs` is the compiles of
 * the extension's scripts and `injectionMs` the tasks that inject its content scripts (their
 * compile and top-level run). Returns undefined when neither samples nor marks show the
 * extension.
 */
export function attribute(
  events,
  profile,
  origin,
  { from, to = Number.POSITIVE_INFINITY, changedPage = true, markName, world = false } = {},
) {
  const marks = markName
    ? events.filter((e) => e.name === markName && e.cat?.includes("blink.user_timing"))
    : [];
  const thread = findThread(events, profile, origin) ?? threadOfMark(profile, marks, origin);
  if (!thread) return undefined;
  const ownMarks = marks.filter((m) => m.pid === thread.pid && m.tid === thread.tid).map((m) => m.ts);
  const start = from ?? Math.min(thread.firstOwnTs, ...ownMarks);
  const totals = { scriptMs: 0, scriptWallMs: 0, renderMs: 0, renderWallMs: 0 };
  let longestTaskMs = 0;
  let longestTaskWallMs = 0;
  let ownTasks = 0;
  let messagingTasks = 0;
  // Since the previous frame: did the extension run script, and did anything else?
  let oursSinceFrame = false;
  let othersSinceFrame = false;
  const tasks = tasksOf(events, thread).filter((task) => end(task.event) >= start && task.event.ts <= to);
  const infos = tasks.map((task) => classifyTask(task, thread.samples, ownMarks, origin));
  // The loader tasks between one of our tasks and the compile of a module it asked for (rule 5).
  const loading = new Set();
  for (const [index, info] of infos.entries()) {
    if (info.compiles) for (const before of loadingTasksOf(tasks, infos, index)) loading.add(before);
  }
  let loadingMs = 0;
  // Where the time goes: compiling the extension's scripts, and the tasks that inject them.
  let compileMs = 0;
  let injectionMs = 0;
  for (const [index, task] of tasks.entries()) {
    const info = infos[index];
    if (loading.has(index)) {
      const { cpu, wall } = timeOf([task.event]);
      loadingMs += cpu;
      totals.scriptMs += cpu;
      totals.scriptWallMs += wall;
      continue;
    }
    if (info.messaging) {
      messagingTasks++;
      continue;
    }
    if (info.render.wall > 0) {
      if (changedPage && oursSinceFrame && !othersSinceFrame) {
        totals.renderMs += info.render.cpu;
        totals.renderWallMs += info.render.wall;
      }
      oursSinceFrame = false;
      othersSinceFrame = false;
    }
    if (info.hasOwn) {
      compileMs += Math.min(info.compileMs, info.own.cpu);
      if (info.injection) injectionMs += info.own.cpu;
      totals.scriptMs += info.own.cpu;
      totals.scriptWallMs += info.own.wall;
      longestTaskMs = Math.max(longestTaskMs, info.own.cpu);
      longestTaskWallMs = Math.max(longestTaskWallMs, info.own.wall);
      ownTasks++;
      oursSinceFrame = true;
    }
    if (info.hasOtherScript) othersSinceFrame = true;
  }
  const firstOwn = tasks.find((_, index) => infos[index].hasOwn);
  return {
    ...totals,
    worldMs: world && firstOwn ? worldCreationMs(events, thread, firstOwn.event.ts) : 0,
    totalMs: totals.scriptMs + totals.renderMs,
    totalWallMs: totals.scriptWallMs + totals.renderWallMs,
    longestTaskMs,
    longestTaskWallMs,
    tasks: ownTasks,
    messagingTasks,
    loadingMs,
    compileMs,
    injectionMs,
    samples: thread.samples.length,
  };
}

/**
 * CPU time (ms) of the extension's world creation before its first task at `before` (rule 6):
 * the last main-frame `LocalWindowProxy::Initialize` on `thread` between the tested document's
 * DOMContentLoaded mark and `before`. The tested document is the last outermost main frame to
 * start loading an http(s) URL (a page's plugin placeholders are main frames of their own, with
 * marks and worlds of their own). 0 when that document had not reached DOMContentLoaded by
 * then (a document_start script) or cannot be told.
 */
function worldCreationMs(events, thread, before) {
  const onThread = (e) => e.pid === thread.pid && e.tid === thread.tid && e.ts < before;
  let frame;
  let started = Number.NEGATIVE_INFINITY;
  for (const e of events) {
    if (e.name !== NAVIGATION_MARK || !onThread(e) || e.ts < started) continue;
    const data = e.args?.data;
    if (data?.isOutermostMainFrame === true && /^https?:/.test(String(data.documentLoaderURL))) {
      frame = e.args.frame;
      started = e.ts;
    }
  }
  if (frame === undefined) return 0;
  const ofPage = (e, name) => e.name === name && onThread(e) && e.args?.frame === frame;
  let committed = Number.NEGATIVE_INFINITY;
  for (const e of events) if (ofPage(e, COMMIT_MARK)) committed = Math.max(committed, e.ts);
  let loaded = Number.NEGATIVE_INFINITY;
  for (const e of events) {
    if (ofPage(e, DOM_CONTENT_LOADED_MARK) && e.ts > committed) loaded = Math.max(loaded, e.ts);
  }
  if (!Number.isFinite(loaded)) return 0;
  let last;
  for (const e of events) {
    if (e.name !== WORLD_EVENT || !onThread(e) || e.args?.IsMainFrame !== true) continue;
    if (e.ts > loaded && end(e) <= before && (!last || e.ts > last.ts)) last = e;
  }
  return last ? (last.tdur ?? last.dur ?? 0) / 1000 : 0;
}

/**
 * The events recorded after the session started. A process may hand over events buffered
 * before it (see the spare-renderer note in browser.mjs); they never belong to the measurement.
 */
export function sinceTracingStarted(events) {
  const starts = events.filter((e) => e.name === "TracingStartedInBrowser").map((e) => e.ts);
  if (starts.length === 0) return events;
  const start = Math.max(...starts);
  return events.filter((e) => e.ph === "M" || e.ts >= start);
}

/** The trace timestamp of the last User Timing mark `name`, if any. */
export function markTime(events, name) {
  const marks = events.filter((e) => e.name === name && e.cat?.includes("blink.user_timing"));
  return marks.length > 0 ? Math.max(...marks.map((e) => e.ts)) : undefined;
}
