// Test helper: loads HTML renders into sandboxed iframes of headless Chromium and reports what ran or is one click from running.
import { chromium, type BrowserContext, type ElementHandle, type Frame, type Page } from 'playwright-core';
import { ARGS, requireChromium } from '../../bench/report-browser.js';
import { type TempDir, tempDir } from '../../helpers/temp-dir.js';

/** Something that ran: which hook caught it (alert, confirm, prompt, print, __pwned, dialog) and its arguments. */
export interface Execution {
  readonly hook: string;
  readonly detail: string;
}

/** A live-DOM attribute whose URL, as Chromium parses it, would run script or load active content. */
export interface DangerousRender {
  /** `a.href`, `a.href.animVal`, `meta.refresh`, `img.onerror`… */
  readonly attribute: string;
  readonly value: string;
}

export interface RenderResult {
  readonly executions: Execution[];
  readonly dangerous: DangerousRender[];
  /** Whether the probe got through loading, scanning, clicking and submitting in time. */
  readonly completed: boolean;
  /** Why the probe did not complete, when it did not. */
  readonly problem?: string;
}

export interface RunOptions {
  /**
   * Renders per document. Above 1, consecutive renders share a document, each behind a sentinel
   * element; a document in which anything ran or was flagged, or whose sentinels show one render
   * changed how the next was parsed, is loaded again one render per document, so every finding is
   * a single render's. A render with a <base> element, which changes URLs after it, is always alone.
   */
  readonly groupSize?: number;
}

export interface XssBrowserOptions {
  /** Documents (single renders or groups) handed to a page at once. */
  readonly batchSize?: number;
  /** Pages (each its own renderer process) working through batches at once. */
  readonly pages?: number;
  /** Iframes per page loading renders side by side. */
  readonly framesPerPage?: number;
  /** How long one render may take to load and be probed before its frame is given up on. */
  readonly renderDeadlineMs?: number;
}

/**
 * The harness page's address, answered by the route below so it never reaches a network. Its origin
 * is inherited by the render frames, so relative URLs in a render resolve against it as they would on
 * a site, and the harness can write into the frames.
 */
const HARNESS_URL = 'http://xss-harness.invalid/';

/** What Playwright tells a binding about its caller. */
interface BindingSource {
  readonly page: Page;
  readonly frame: Frame;
}

/** Name of the binding every frame reports executions through. */
const BINDING = '__ts314XssExecuted';

/** The element written before each render of a group (and after the last) to check they did not bleed into each other. */
const SENTINEL = 'ts314-render-boundary';

/**
 * The render frames are sandboxed without allow-top-navigation and allow-popups, so a render cannot
 * navigate the harness page away or open windows. allow-same-origin has to stay: Chromium does not
 * run javascript: URLs in an opaque-origin frame, and those are what the clicks are for. allow-forms
 * and allow-modals keep form submission and dialogs working, since they are ways script runs.
 */
const SANDBOX = 'allow-scripts allow-same-origin allow-forms allow-modals';

/**
 * The script Chromium runs first in every frame: render frames, frames a render creates, and
 * documents a render navigates to. It is a string, not a function, because it must run before any
 * page script, and because tsx would add `__name` helpers to a serialized function that the page
 * does not have (the project also compiles without the DOM library).
 *
 * In every frame it replaces alert/confirm/prompt/print and traps a `__pwned` setter on window,
 * reporting each call through the binding. In a frame of the harness page it also defines
 * `__ts314Probe(report)`, which the harness calls once a render has loaded: settle SVG animations,
 * scan the live DOM for dangerous URLs and handler attributes, click every link, submit every form,
 * press every submit button, wait for javascript: navigations to run, and wait until Node has
 * recorded every execution (so the harness does not move the frame on to another render before that).
 */
const INIT_SCRIPT = String.raw`(() => {
  'use strict';
  const w = window;
  const pending = new Set();
  let executions = 0;
  // The render this frame belongs to, read when the hook runs: the harness reuses frames for later
  // renders, so the attribute read after a round trip to Node could already name another one. A
  // frame of another origin inside a render cannot read it; Node then finds the render from the
  // calling frame.
  const renderId = () => {
    try {
      let x = w;
      while (x.parent !== x.top) x = x.parent;
      return x === w.top ? null : x.frameElement.getAttribute('data-render');
    } catch (e) { return null; }
  };
  const executed = (hook, args) => {
    executions++;
    // A payload that runs in a loop must not flood Node with binding calls.
    if (executions > 6) return;
    let detail = '';
    try { detail = Array.prototype.map.call(args, (a) => String(a)).join(', ').slice(0, 120); } catch (e) { detail = '?'; }
    try {
      const call = Promise.resolve(w[${JSON.stringify(BINDING)}](hook, detail, renderId())).catch(() => {});
      pending.add(call);
      call.then(() => pending.delete(call));
    } catch (e) {}
  };
  const results = { alert: undefined, confirm: false, prompt: null, print: undefined };
  for (const name of Object.keys(results)) {
    const hooked = function () { executed(name, arguments); return results[name]; };
    try { Object.defineProperty(w, name, { configurable: false, writable: false, value: hooked }); } catch (e) {}
  }
  try {
    Object.defineProperty(w, '__pwned', { configurable: false, get: () => undefined, set: (v) => executed('__pwned', [v]) });
  } catch (e) {}

  let isRender = false;
  try { isRender = w !== w.top && w.parent === w.top && w.top.location.href === ${JSON.stringify(HARNESS_URL)}; } catch (e) {}
  if (!isRender) return;

  // Captured now, so a payload that did run cannot stall the probe by replacing them.
  const setTimeout_ = w.setTimeout.bind(w);
  const raf = w.requestAnimationFrame.bind(w);
  const MouseEvent_ = w.MouseEvent;
  const URL_ = w.URL;
  const allSettled = Promise.allSettled.bind(Promise);
  const sleep = (ms) => new Promise((resolve) => setTimeout_(resolve, ms));
  // rAF never fires in a frame Chromium decides not to render; the timeout keeps the probe going.
  const nextFrame = () => new Promise((resolve) => { raf(() => resolve()); setTimeout_(resolve, 100); });

  const RASTER = /^data:image\/(?:png|gif|jpe?g|webp|avif|bmp)[;,]/i;
  const verdict = (value) => {
    let url;
    try { url = new URL_(value, document.baseURI); } catch (e) { return false; }
    return url.protocol === 'javascript:' || url.protocol === 'vbscript:' || (url.protocol === 'data:' && !RASTER.test(url.href));
  };
  const URL_ATTRIBUTES = new Set(['href', 'xlink:href', 'src', 'action', 'formaction', 'data', 'poster', 'background', 'codebase', 'xml:base']);
  const SPACE = /[\t\n\f\r ]/;
  // The srcset parser of the HTML spec, minus descriptor checks: a URL is a run of non-space
  // characters (commas included), trailing commas end the candidate, descriptors run to a comma.
  const srcsetUrls = (value) => {
    const urls = [];
    let i = 0;
    while (i < value.length) {
      while (i < value.length && (SPACE.test(value[i]) || value[i] === ',')) i++;
      let j = i;
      while (j < value.length && !SPACE.test(value[j])) j++;
      let url = value.slice(i, j);
      i = j;
      if (/,$/.test(url)) url = url.replace(/,+$/, '');
      else {
        let depth = 0;
        for (; i < value.length; i++) {
          const c = value[i];
          if (c === '(') depth++;
          else if (c === ')') depth = Math.max(0, depth - 1);
          else if (c === ',' && depth === 0) break;
        }
      }
      if (url !== '') urls.push(url);
    }
    return urls;
  };
  // The URL of <meta http-equiv=refresh content=…>, after the HTML spec's "shared declarative
  // refresh steps": a time is required; the URL is read both with and without its optional url=
  // prefix and quotes, so an unusual spelling cannot hide one.
  const refreshUrls = (content) => {
    const m = /^[\t\n\f\r ]*(?:[0-9]+|\.)[0-9.]*(?:[\t\n\f\r ;,]([\s\S]*))?$/.exec(content);
    if (m === null || m[1] === undefined) return [];
    const rest = m[1].replace(/^[\t\n\f\r ]*[;,]?[\t\n\f\r ]*/, '');
    const named = /^url[\t\n\f\r ]*=[\t\n\f\r ]*([\s\S]*)$/i.exec(rest);
    const urls = [rest];
    if (named !== null) {
      const value = named[1];
      const quote = value[0] === '"' || value[0] === "'" ? value[0] : '';
      urls.push(quote === '' ? value : value.slice(1).split(quote)[0]);
    }
    return urls.filter((u) => u !== '');
  };
  const elementsOf = (root, out) => {
    for (const el of root.querySelectorAll('*')) {
      out.push(el);
      if (el.shadowRoot) elementsOf(el.shadowRoot, out);
    }
    return out;
  };

  const scan = (all) => {
    const found = [];
    const flag = (el, attribute, value) => found.push({ attribute: el.localName + '.' + attribute, value: String(value).slice(0, 160) });
    for (const el of all) {
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        // No context html() is tested in has a handler attribute, so any one is injected.
        if (name.startsWith('on')) flag(el, name, attr.value);
        else if (URL_ATTRIBUTES.has(name)) { if (verdict(attr.value)) flag(el, name, attr.value); }
        else if (name === 'srcset' || name === 'imagesrcset') { for (const u of srcsetUrls(attr.value)) if (verdict(u)) flag(el, name, u); }
        else if (name === 'ping') { for (const u of attr.value.split(/[\t\n\f\r ]+/)) if (u !== '' && verdict(u)) flag(el, name, u); }
      }
      // SVG href (a, image, use, script…) as <animate>/<set> leave it: what a click follows.
      const href = el.href;
      if (href !== null && typeof href === 'object' && typeof href.animVal === 'string' && href.animVal !== href.baseVal && verdict(href.animVal)) {
        flag(el, 'href.animVal', href.animVal);
      }
      if (el.localName === 'meta' && /^[\t\n\f\r ]*refresh[\t\n\f\r ]*$/i.test(el.getAttribute('http-equiv') || '')) {
        for (const u of refreshUrls(el.getAttribute('content') || '')) if (verdict(u)) flag(el, 'refresh', u);
      }
    }
    return found;
  };

  // report(dangerous) is called as soon as the scan is done: a click may navigate the frame away
  // before the probe returns.
  const probe = async (report) => {
    await sleep(0);
    const all = elementsOf(document, []);
    if (all.some((el) => /^(animate|set|animateTransform|animateMotion)$/.test(el.localName))) {
      // dur="1ms" fill="freeze" animations are over by 1s on the timeline: jump there, then let a frame sample them.
      for (const el of all) if (el.localName === 'svg' && typeof el.setCurrentTime === 'function') { try { el.setCurrentTime(1); } catch (e) {} }
      await nextFrame();
      await nextFrame();
    }
    report(scan(all));

    // A link or form that goes to http(s) or a raster image cannot run script, and would navigate
    // the frame away: it is clicked or submitted with the navigation cancelled. The URL is the
    // browser's own reading, as the navigation would use it. The others go last, so one that does
    // navigate away leaves nothing unclicked behind it.
    const harmless = (url) => {
      try {
        const parsed = new URL_(url, document.baseURI);
        return /^https?:$/.test(parsed.protocol) || RASTER.test(parsed.href);
      } catch (e) { return false; }
    };
    const stay = (event) => event.preventDefault();
    const first = [];
    const last = [];
    const add = (url, act) => (harmless(url) || /^[\x00-\x20]*javascript:/i.test(String(url)) ? first : last).push(act);
    for (const el of all) {
      if (el.localName === 'a' || el.localName === 'area') {
        const target = el.href !== null && typeof el.href === 'object' ? el.href.animVal : el.href;
        add(target, () => {
          if (typeof target === 'string' && harmless(target)) el.addEventListener('click', stay, { once: true });
          el.dispatchEvent(new MouseEvent_('click', { bubbles: true, cancelable: true, view: w, button: 0 }));
        });
      }
    }
    for (const form of document.forms) {
      form.addEventListener('submit', (event) => {
        const submitter = event.submitter;
        if (harmless(submitter && submitter.hasAttribute('formaction') ? submitter.formAction : form.action)) event.preventDefault();
      });
      add(form.action, () => form.requestSubmit());
    }
    for (const el of all) {
      if (el.form && ((el.localName === 'button' && el.type === 'submit') || (el.localName === 'input' && /^(submit|image)$/i.test(el.type)))) {
        add(el.hasAttribute('formaction') ? el.formAction : el.form.action, () => el.click());
      }
    }
    const actions = [...first, ...last];
    // Each javascript: navigation runs a task or two later; spacing them keeps one from replacing another.
    for (const act of actions.slice(0, 120)) {
      try { act(); } catch (e) {}
      await sleep(2);
    }
    if (actions.length > 0) await sleep(25);
    // One of the others may be navigating the frame (to a data: URL, say): give it time to get there,
    // or the next render's document would cancel it.
    if (last.length > 0) await sleep(300);
    // Reports still on their way to Node are waited for, so they are recorded before the batch ends.
    if (pending.size > 0) await Promise.race([allSettled([...pending]), sleep(5000)]);
    const nested = document.querySelectorAll('iframe, frame, object, embed, fencedframe').length;
    return { executions, nested };
  };
  Object.defineProperty(w, '__ts314Probe', { configurable: false, writable: false, value: probe });
})();`;

/**
 * The harness page. `__ts314Run(units, frames, deadline)` loads each unit (one render, or a group of
 * them behind sentinels) as a fresh document (document.open/write/close) in one of `frames`
 * iframes, marks the iframe with the unit's data-render id, and probes it. A new document in an
 * existing frame costs a fraction of a new frame, which Chromium makes expensive (a browser-side
 * navigation each). The frame's window is reused only when nothing could have left state in it: a
 * unit that ran anything, had nested frames, navigated, broke its sentinels or did not finish gets
 * a new iframe for whatever comes next; the old one stays in the page, with its last data-render,
 * until the batch ends, so late reports still find their unit.
 */
const HARNESS_PAGE = `<!doctype html><meta charset="utf-8">
<style>iframe{position:absolute;left:0;top:0;width:160px;height:80px;border:0}</style>
<body><script>
(() => {
  const HTML_NS = 'http://www.w3.org/1999/xhtml';
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const newFrame = () => {
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', ${JSON.stringify(SANDBOX)});
    document.body.appendChild(frame);
    return frame;
  };
  // Every sentinel must still be an HTML element right in <body>, the last one its last child:
  // a render that left an element, raw text, a comment, <template>, <svg>/<math> or a table open
  // puts the next sentinel somewhere else, or turns it into text.
  const isolated = (doc, count) => {
    const sentinels = doc.getElementsByTagName(${JSON.stringify(SENTINEL)});
    if (sentinels.length !== count || doc.body === null) return false;
    for (const s of sentinels) if (s.parentNode !== doc.body || s.namespaceURI !== HTML_NS) return false;
    return doc.body.lastChild === sentinels[count - 1];
  };
  // Executions the frame's hooks had counted after its previous unit (the count lives in its window).
  const ranBefore = new WeakMap();
  const runOne = async (frame, id, markup, sentinels, deadline) => {
    frame.setAttribute('data-render', id);
    const w = frame.contentWindow;
    const doc = frame.contentDocument;
    if (doc === null || typeof w.__ts314Probe !== 'function') return { completed: false, problem: 'the frame has no probe: hooks not installed', retire: true };
    // A navigation replaces the document, and the probe then never returns: the iframe's load event
    // says so (it also fires for the written document itself, which is not a navigation).
    let navigated;
    const away = new Promise((resolve) => { navigated = resolve; });
    const onLoad = () => { if (frame.contentDocument !== doc) navigated('navigated'); };
    const timedOut = sleep(deadline).then(() => 'timed out');
    doc.open();
    const loaded = new Promise((resolve) => w.addEventListener('load', () => resolve('loaded')));
    doc.write('<!doctype html>' + markup);
    doc.close();
    frame.addEventListener('load', onLoad);
    try {
      const first = await Promise.race([loaded, away, timedOut]);
      if (first !== 'loaded') return { completed: false, problem: first + ' before load', retire: true };
      if (sentinels > 0 && !isolated(doc, sentinels)) return { completed: true, isolated: false, retire: true };
      let dangerous;
      const r = await Promise.race([w.__ts314Probe((found) => { dangerous = found; }), away, timedOut]);
      // Away after the scan: a click or submission navigated (to a data: URL, say); what the new
      // document runs is reported by its own hooks, so the render was still checked.
      if (r === 'navigated' && dangerous !== undefined) return { completed: true, dangerous, retire: true };
      if (typeof r === 'string') return { completed: false, problem: r + ' while probed', dangerous, retire: true };
      const ran = r.executions > (ranBefore.get(frame) ?? 0);
      ranBefore.set(frame, r.executions);
      return { completed: true, dangerous, retire: ran || r.nested > 0 };
    } catch (e) {
      return { completed: false, problem: 'probe failed: ' + e, retire: true };
    } finally {
      frame.removeEventListener('load', onLoad);
    }
  };
  window.__ts314Run = async (units, frames, deadline) => {
    document.body.replaceChildren();
    const results = [];
    let next = 0;
    const worker = async () => {
      let frame = newFrame();
      while (next < units.length) {
        const [id, markup, sentinels] = units[next++];
        const r = await runOne(frame, id, markup, sentinels, deadline);
        results.push([id, { completed: r.completed, problem: r.problem, dangerous: r.dangerous ?? [], isolated: r.isolated ?? true }]);
        if (r.retire) frame = newFrame();
      }
    };
    await Promise.all(Array.from({ length: Math.min(frames, units.length) }, worker));
    return results;
  };
})();
</script>`;

/** What the harness page reports for one unit. */
interface UnitOutcome {
  completed: boolean;
  problem?: string;
  dangerous: DangerousRender[];
  /** False when the unit's sentinels show a render changed how the next one was parsed. */
  isolated: boolean;
}

/** A document to load: [data-render id, markup, sentinel count (0 for a single render)]. */
type Unit = readonly [string, string, number];

interface PageSlot {
  page: Page;
  /** Dialogs seen while a batch ran: a real dialog means some frame ran script the hooks did not see. */
  dialogs: string[];
}

/** One Chromium for a test file: `run()` loads renders in batches across a few pages. */
export class XssBrowser {
  private readonly elementOf = new WeakMap<Frame, Promise<ElementHandle | null>>();
  /** Executions by unit id, filled by the binding as frames report. */
  private readonly executions = new Map<string, Execution[]>();
  /** Executions the binding could not tie to a render (the harness page itself, or a frame already gone). */
  readonly stray: Execution[] = [];
  /** Reports whose render is still being looked up: a batch is over only when they are stored. */
  private readonly inFlight = new Set<Promise<void>>();
  /** Documents loaded, grouped documents among them, and groups loaded again render by render. */
  readonly stats = { documents: 0, groups: 0, groupsReloaded: 0 };
  private nextId = 0;

  private constructor(
    private readonly context: BrowserContext,
    private readonly profile: TempDir,
    private readonly options: Required<XssBrowserOptions>,
  ) {}

  static async launch(options: XssBrowserOptions = {}): Promise<XssBrowser> {
    const executablePath = requireChromium();
    const profile = tempDir('xss-chromium');
    const context = await chromium.launchPersistentContext(profile.path, {
      executablePath,
      headless: true,
      args: [
        ...ARGS,
        // No name resolves and nothing is prefetched: a URL that slipped past the route below still goes nowhere.
        '--host-resolver-rules=MAP * ~NOTFOUND',
        '--dns-prefetch-disable',
        // Sandboxed frames otherwise get their own process, and Playwright reaches a new process only
        // after its first scripts ran: the hooks would miss exactly the payloads that run at parse time.
        '--disable-features=IsolateSandboxedIframes',
      ],
      viewport: { width: 400, height: 300 },
    });
    const browser = new XssBrowser(context, profile, {
      batchSize: options.batchSize ?? 100,
      pages: options.pages ?? 2,
      framesPerPage: options.framesPerPage ?? 6,
      renderDeadlineMs: options.renderDeadlineMs ?? 15000,
    });
    try {
      // Nothing leaves the machine. The harness page is answered here. A frame's navigation (a
      // meta refresh, an iframe's or object's src) gets 204 No Content, which leaves the frame on
      // its document: the probe can go on, and no error page is committed (those get a process of
      // their own, which costs a render tenths of a second). Every other request is aborted,
      // 127.0.0.1 included.
      await context.route('**/*', (route) => {
        const request = route.request();
        if (request.isNavigationRequest()) {
          if (request.frame().parentFrame() !== null) return route.fulfill({ status: 204 });
          if (request.url() === HARNESS_URL)
            return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: HARNESS_PAGE });
        }
        return route.abort();
      });
      await context.exposeBinding(BINDING, (source: BindingSource, hook: unknown, detail: unknown, id: unknown) =>
        browser.record(source, String(hook), String(detail), typeof id === 'string' ? id : undefined),
      );
      await context.addInitScript({ content: INIT_SCRIPT });
    } catch (e) {
      await browser.close();
      throw e;
    }
    return browser;
  }

  private record(source: BindingSource, hook: string, detail: string, idSeen: string | undefined): Promise<void> {
    const done = this.store(source, { hook, detail }, idSeen);
    this.inFlight.add(done);
    void done.finally(() => this.inFlight.delete(done));
    return done;
  }

  private async store(source: BindingSource, execution: Execution, idSeen: string | undefined): Promise<void> {
    const id = idSeen ?? (await this.renderIdOf(source.frame, source.page.mainFrame()));
    if (id === undefined) this.stray.push(execution);
    else {
      const list = this.executions.get(id);
      if (list === undefined) this.executions.set(id, [execution]);
      else list.push(execution);
    }
  }

  /**
   * The render a frame belongs to: its ancestor that is a child of the harness page, read from
   * data-render. Only frames that cannot read it themselves come here: those inside a render, whose
   * render frame the harness has retired, so the attribute no longer changes.
   */
  private async renderIdOf(frame: Frame, main: Frame): Promise<string | undefined> {
    let top = frame;
    for (let parent = top.parentFrame(); parent !== null && parent !== main; parent = parent.parentFrame()) top = parent;
    if (top === main || top.parentFrame() !== main) return undefined;
    let element = this.elementOf.get(top);
    if (element === undefined) {
      element = top.frameElement().catch(() => null);
      this.elementOf.set(top, element);
    }
    const handle = await element;
    return (await handle?.getAttribute('data-render').catch(() => null)) ?? undefined;
  }

  /** Loads the renders (each alone, or in groups: see RunOptions) and reports, in order, what ran and what is dangerous. */
  async run(markups: readonly string[], options: RunOptions = {}): Promise<RenderResult[]> {
    const size = Math.max(1, options.groupSize ?? 1);
    const units: { unit: Unit; members: number[] }[] = [];
    let group: number[] = [];
    const flush = (): void => {
      if (group.length === 0) return;
      const id = `g${this.nextId++}`;
      if (group.length === 1) units.push({ unit: [id, markups[group[0]!]!, 0], members: group });
      else {
        const sentinel = `<${SENTINEL}></${SENTINEL}>`;
        units.push({ unit: [id, group.map((i) => sentinel + markups[i]!).join('') + sentinel, group.length + 1], members: group });
        this.stats.groups++;
      }
      group = [];
    };
    markups.forEach((markup, i) => {
      if (size > 1 && /<base[\s/>]/i.test(markup)) {
        flush();
        group = [i];
        flush();
        return;
      }
      group.push(i);
      if (group.length >= size) flush();
    });
    flush();

    const outcomes = await this.load(units.map((u) => u.unit));
    const results = new Array<RenderResult>(markups.length);
    const again: number[] = [];
    for (const { unit, members } of units) {
      const [id, , sentinels] = unit;
      const outcome = outcomes.get(id);
      const executions = this.executions.get(id) ?? [];
      this.executions.delete(id);
      if (sentinels === 0) {
        const result: RenderResult = { executions, dangerous: outcome?.dangerous ?? [], completed: outcome?.completed ?? false };
        results[members[0]!] = outcome?.problem === undefined ? result : { ...result, problem: outcome.problem };
      } else if (
        outcome === undefined ||
        !outcome.completed ||
        !outcome.isolated ||
        executions.length > 0 ||
        outcome.dangerous.length > 0
      ) {
        again.push(...members);
        this.stats.groupsReloaded++;
      } else {
        for (const i of members) results[i] = { executions: [], dangerous: [], completed: true };
      }
    }
    if (again.length > 0) {
      const alone = await this.run(again.map((i) => markups[i]!));
      again.forEach((i, k) => {
        results[i] = alone[k]!;
      });
    }
    return results;
  }

  /** Loads units in batches across the pages; a batch that opened a real dialog is loaded again a unit at a time to find whose it was. */
  private async load(units: readonly Unit[]): Promise<Map<string, UnitOutcome>> {
    this.stats.documents += units.length;
    const found = new Map<string, UnitOutcome>();
    const batches: Unit[][] = [];
    for (let i = 0; i < units.length; i += this.options.batchSize) batches.push(units.slice(i, i + this.options.batchSize));
    const worker = async (): Promise<void> => {
      const slot = await this.openPage();
      try {
        for (let batch = batches.shift(); batch !== undefined; batch = batches.shift()) {
          for (const [id, outcome] of await this.loadBatch(slot, batch, this.options.framesPerPage)) found.set(id, outcome);
          if (slot.dialogs.length === 0) continue;
          slot.dialogs = [];
          for (const [id, ...rest] of batch) {
            // The hooks report again what they reported the first time: keep the first report.
            const reported = this.executions.get(id) ?? [];
            await this.loadBatch(slot, [[id, ...rest]], 1);
            this.executions.set(id, [...reported, ...slot.dialogs.map((message) => ({ hook: 'dialog', detail: message }))]);
            slot.dialogs = [];
          }
        }
      } finally {
        await slot.page.close().catch(() => {});
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.pages, batches.length) }, worker));
    return found;
  }

  /** A new harness page, in `slot` when one is given (replacing a page that hung). */
  private async openPage(slot?: PageSlot): Promise<PageSlot> {
    const page = await this.context.newPage();
    const target = slot ?? { page, dialogs: [] };
    target.page = page;
    page.on('dialog', (dialog) => {
      target.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss().catch(() => {});
    });
    await page.goto(HARNESS_URL, { waitUntil: 'load' });
    return target;
  }

  private async loadBatch(slot: PageSlot, batch: readonly Unit[], frames: number): Promise<[string, UnitOutcome][]> {
    const deadline = this.options.renderDeadlineMs;
    let timer: NodeJS.Timeout | undefined;
    // The harness gives up on a slow unit by itself; this covers a renderer too busy to answer at all
    // (a render stuck in a loop blocks every frame of its page). Normal units take well under 2 s each.
    const budget = deadline + 2000 * Math.ceil(batch.length / frames) + 30_000;
    const hung = new Promise<'hung'>((resolve) => {
      timer = setTimeout(() => resolve('hung'), budget);
    });
    const work = slot.page.evaluate(`__ts314Run(${JSON.stringify(batch)}, ${frames}, ${deadline})`) as Promise<[string, UnitOutcome][]>;
    try {
      const outcome = await Promise.race([work, hung]);
      if (outcome !== 'hung') {
        await Promise.allSettled([...this.inFlight]);
        return outcome;
      }
      void work.catch(() => {});
      await slot.page.close().catch(() => {});
      await this.openPage(slot);
      return batch.map(([id]) => [
        id,
        { completed: false, problem: `the page did not answer within ${budget} ms`, dangerous: [], isolated: true },
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => {});
    this.profile.remove();
  }
}
