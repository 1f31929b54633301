// pix2pix.transferStream(): live video (or any changing canvas) through pix2pix. Frames run on
// lanes, each holding at most one frame: the model itself, plus (on pages without threads)
// workers with a model of their own, as many as pay (lane-scaler.js). Frames that arrive while
// every lane is busy are dropped, except the newest, which runs as soon as a lane is free.
// Results come back in frame order. New frames come from requestVideoFrameCallback where the
// browser has it, else from animation frames.
import { LaneScaler } from './lane-scaler.js';

const STATS_WINDOW = 30;  // frames over which stats.fps is measured

export class TransferStream {
  // runFrame() -> Promise<result> transfers the source's current frame on the model.
  // moreLanes: {count: 'auto' | n, max, make: () => Promise<{run, dispose}>}, lanes beyond the
  // model's own: exactly count - 1 of them, or as many as the measurements keep ('auto').
  constructor(source, options, onFrame, runFrame, moreLanes = null) {
    this.onFrame = onFrame;
    this.minInterval = fpsInterval(options.fps);
    this.stats = { frames: 0, dropped: 0, fps: 0, ms: 0, lanes: 1 };
    this.times = [];
    this.lanes = [{ run: runFrame, busy: null }];
    this.waiting = false;  // a frame arrived while every lane was busy
    this.lastStart = -Infinity;
    this.nextFrame = 0;  // the number of the next frame to start
    this.nextDelivery = 0;  // ... and to deliver: results wait for the frames before them
    this.finished = new Map();  // frame number -> {error, result, started}
    this.maxInFlight = 0;
    this.stopped = false;
    this.latest = null;  // for the async iterator: the newest result not yet taken
    this.wake = null;
    this.done = new Promise((resolve) => { this.finish = resolve; });
    this.presented = null;  // the video's count of frames shown, where the browser gives it
    if (moreLanes) this.startLanes(moreLanes);
    this.cancelClock = frameClock(source, (presented) => this.newFrame(presented));
  }

  startLanes({ count, max, make }) {
    const addLane = async () => {
      try {
        const lane = await make();
        if (this.stopped) {
          lane.dispose();
          return false;
        }
        this.lanes.push({ ...lane, busy: null });
        this.stats.lanes = this.lanes.length;
        if (this.waiting) this.runWaiting();
        return true;
      } catch (error) {
        console.warn(`ml5-wasm: transferStream() goes on without another worker: ${error.message}`);
        return false;
      }
    };
    if (count === 'auto') {
      this.scaler = new LaneScaler({ max, addLane, removeLane: () => this.retireLane() });
    } else {
      for (let i = 1; i < count; i++) addLane();
    }
  }

  // The newest lane stops taking frames and ends once its frame is done.
  retireLane() {
    const lane = this.lanes.pop();
    this.stats.lanes = this.lanes.length;
    Promise.resolve(lane.busy).then(() => lane.dispose());
  }

  // presented: requestVideoFrameCallback's presentedFrames. Frames shown while the page was
  // busy (a main-thread transfer) had no callback; they count as dropped too.
  newFrame(presented) {
    if (this.stopped) return;
    if (presented !== undefined) {
      if (this.presented !== null && presented > this.presented + 1) this.stats.dropped += presented - this.presented - 1;
      this.presented = presented;
    }
    const lane = this.freeLane();
    if (!lane) {
      if (this.waiting) this.stats.dropped++;  // the waiting frame is replaced by this one
      this.waiting = true;
      return;
    }
    if (performance.now() - this.lastStart < this.minInterval) return;  // options.fps
    this.run(lane);
  }

  runWaiting() {
    const lane = this.freeLane();
    if (lane && this.waiting && !this.stopped) this.run(lane);
  }

  // The free lane that started a frame least recently: lanes take turns, also when the model's
  // own lane is the page's thread (free again before the next frame callback, as it blocks them).
  freeLane() {
    let chosen = null;
    for (const lane of this.lanes) {
      if (!lane.busy && (!chosen || (lane.started ?? -Infinity) < (chosen.started ?? -Infinity))) chosen = lane;
    }
    return chosen;
  }

  run(lane) {
    this.waiting = false;
    const frame = this.nextFrame++;
    const started = (this.lastStart = lane.started = performance.now());
    lane.busy = lane.run().then(
      (result) => this.arrived(frame, null, result, started),
      (error) => this.arrived(frame, error, null, started),
    ).finally(() => {
      lane.busy = null;
      this.runWaiting();
    });
    this.maxInFlight = Math.max(this.maxInFlight, this.lanes.filter((l) => l.busy).length);
  }

  // Results are delivered in frame order.
  arrived(frame, error, result, started) {
    this.finished.set(frame, { error, result, started });
    while (this.finished.has(this.nextDelivery)) {
      const next = this.finished.get(this.nextDelivery);
      this.finished.delete(this.nextDelivery);
      if (next.result) next.result.frame = this.nextDelivery;
      this.nextDelivery++;
      this.deliver(next.error, next.result, next.started);
    }
  }

  deliver(error, result, started) {
    if (this.stopped) return;
    if (error) {
      this.fail(error);
      return;
    }
    const now = performance.now();
    this.stats.frames++;
    this.stats.ms = now - started;
    this.times.push(now);
    if (this.times.length > STATS_WINDOW) this.times.shift();
    const span = now - this.times[0];
    this.stats.fps = span > 0 ? ((this.times.length - 1) * 1000) / span : 0;
    this.scaler?.delivered(this.stats.dropped);
    if (this.onFrame) this.onFrame(undefined, result);
    else this.offer({ value: result });
  }

  // A failed frame ends the stream: the error goes to onFrame, or to the iterator.
  fail(error) {
    this.stop();
    if (this.onFrame) this.onFrame(error);
    else this.offer({ error });
  }

  // Stops the clock; no frame is delivered afterwards. Resolves (with the stats) once the frames
  // in flight, if any, have ended; the stream's workers end then.
  stop() {
    if (!this.stopped) {
      this.stopped = true;
      this.cancelClock();
      this.scaler?.settle('stopped');
      this.wake?.();
      Promise.all(this.lanes.map((lane) => lane.busy)).then(() => {
        this.endLanes();
        this.finish({ ...this.stats, ...(this.scaler && { scaling: this.scaler.decisions, scaled: this.scaler.reason }) });
      });
    }
    return this.done;
  }

  // Ends the workers of the lanes beyond the model's own (also when the model is disposed).
  endLanes() {
    for (const lane of this.lanes.splice(1)) lane.dispose();
  }

  // For the iterator: the newest result (or error) replaces one not yet taken.
  offer(item) {
    this.latest = item;
    this.wake?.();
  }

  // for await (const result of stream): the newest result each time (older ones are dropped);
  // leaving the loop stops the stream.
  [Symbol.asyncIterator]() {
    if (this.onFrame) throw new TypeError('ml5-wasm: a stream with an onFrame callback cannot also be iterated');
    const next = async () => {
      while (!this.latest && !this.stopped) await new Promise((resolve) => { this.wake = resolve; });
      this.wake = null;
      const item = this.latest;
      this.latest = null;
      if (!item) return { value: undefined, done: true };
      if (item.error) throw item.error;
      return { value: item.value, done: false };
    };
    return {
      next,
      return: async () => {
        await this.stop();
        return { value: undefined, done: true };
      },
    };
  }
}

function fpsInterval(fps) {
  if (fps === undefined) return 0;
  if (typeof fps !== 'number' || !(fps > 0)) {
    throw new RangeError(`ml5-wasm: options.fps must be a positive number, got ${fps}`);
  }
  return 1000 / fps - 1;  // a little early is fine: frames come at the display's own pace
}

// The <video> behind a source (p5's createCapture gives a p5.MediaElement), or null.
export function videoElement(source) {
  const element = source?.elt ?? source;
  return typeof HTMLVideoElement === 'function' && element instanceof HTMLVideoElement ? element : null;
}

// Calls onFrame(presentedFrames?) for every new frame of `source`; returns a function that stops it.
function frameClock(source, onFrame) {
  const video = videoElement(source);
  if (video && typeof video.requestVideoFrameCallback === 'function') {
    let handle;
    const next = (now, metadata) => {
      handle = video.requestVideoFrameCallback(next);
      onFrame(metadata?.presentedFrames);
    };
    handle = video.requestVideoFrameCallback(next);
    return () => video.cancelVideoFrameCallback(handle);
  }
  if (typeof requestAnimationFrame !== 'function') {
    throw new Error('ml5-wasm: transferStream() needs a browser page (animation or video frame callbacks); in Node, call transfer() per frame');
  }
  // Without it: each animation frame, for a video only when it shows a new frame.
  let handle, shown = -1;
  const next = () => {
    handle = requestAnimationFrame(next);
    if (video) {
      if (video.readyState < 2 || video.currentTime === shown) return;
      shown = video.currentTime;
    }
    onFrame();
  };
  handle = requestAnimationFrame(next);
  return () => cancelAnimationFrame(handle);
}
