// pix2pix.transferStream(): live video (or any changing canvas) through pix2pix, one frame at a
// time. At most one frame is in flight: frames that arrive meanwhile are dropped, except the
// newest, which runs as soon as the model is free. New frames come from
// requestVideoFrameCallback where the browser has it, else from animation frames.
const STATS_WINDOW = 30;  // frames over which stats.fps is measured

export class TransferStream {
  // runFrame() -> Promise<result> transfers the source's current frame.
  constructor(source, options, onFrame, runFrame) {
    this.onFrame = onFrame;
    this.runFrame = runFrame;
    this.minInterval = fpsInterval(options.fps);
    this.stats = { frames: 0, dropped: 0, fps: 0, ms: 0 };
    this.times = [];
    this.busy = null;  // the frame in flight
    this.waiting = false;  // a frame arrived while one was in flight
    this.lastStart = -Infinity;
    this.stopped = false;
    this.latest = null;  // for the async iterator: the newest result not yet taken
    this.wake = null;
    this.done = new Promise((resolve) => { this.finish = resolve; });
    this.presented = null;  // the video's count of frames shown, where the browser gives it
    this.cancelClock = frameClock(source, (presented) => this.newFrame(presented));
  }

  // presented: requestVideoFrameCallback's presentedFrames. Frames shown while the page was
  // busy (a main-thread transfer) had no callback; they count as dropped too.
  newFrame(presented) {
    if (this.stopped) return;
    if (presented !== undefined) {
      if (this.presented !== null && presented > this.presented + 1) this.stats.dropped += presented - this.presented - 1;
      this.presented = presented;
    }
    if (this.busy) {
      if (this.waiting) this.stats.dropped++;  // the waiting frame is replaced by this one
      this.waiting = true;
      return;
    }
    if (performance.now() - this.lastStart < this.minInterval) return;  // options.fps
    this.run();
  }

  run() {
    this.waiting = false;
    const started = (this.lastStart = performance.now());
    this.busy = this.runFrame().then(
      (result) => this.deliver(null, result, started),
      (error) => this.deliver(error, null, started),
    ).finally(() => {
      this.busy = null;
      if (this.waiting && !this.stopped) this.run();
    });
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
    if (this.onFrame) this.onFrame(undefined, result);
    else this.offer({ value: result });
  }

  // A failed frame ends the stream: the error goes to onFrame, or to the iterator.
  fail(error) {
    this.stop();
    if (this.onFrame) this.onFrame(error);
    else this.offer({ error });
  }

  // Stops the clock; no frame is delivered afterwards. Resolves (with the stats) once the frame
  // in flight, if any, has ended.
  stop() {
    if (!this.stopped) {
      this.stopped = true;
      this.cancelClock();
      this.wake?.();
      Promise.resolve(this.busy).then(() => this.finish({ ...this.stats }));
    }
    return this.done;
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
