// How many frames a transferStream() runs at once (its lanes: the model, plus workers each with
// a model of its own), decided by measuring, not by the core count a browser reports: a lane is
// added only while frames are being dropped (the lanes cannot keep up with the video), and kept
// only if the stream then delivers at least GAIN times the frames per second it did without it.
// Used where threads are not available (pages without COOP/COEP), so that a second core helps.
export const GAIN = 1.15;
const WARMUP_FRAMES = 4;  // the first frames on a new lane are slower (compilation, buffers)
const WINDOW_FRAMES = 12;  // frames per rate measurement

export class LaneScaler {
  // max: the most lanes (the cores the browser reports); addLane() -> Promise<boolean> starts
  // one more (false: it could not start); removeLane() ends the newest. now: the clock.
  constructor({ max, addLane, removeLane, now = () => performance.now() }) {
    this.max = max;
    this.addLane = addLane;
    this.removeLane = removeLane;
    this.now = now;
    this.lanes = 1;
    this.state = 'measure';  // measure -> (adding -> trial -> measure | settled) | settled
    this.skip = WARMUP_FRAMES;
    this.times = [];
    this.droppedAtStart = 0;
    this.baseFps = 0;
    this.decisions = [];  // {lanes, fps} per measured window, and why it settled, for stats
  }

  // After each delivered frame, with the stream's count of dropped frames so far.
  delivered(dropped) {
    if (this.state === 'settled' || this.state === 'adding') return;
    if (this.skip > 0) {
      this.skip--;
      this.droppedAtStart = dropped;
      return;
    }
    this.times.push(this.now());
    if (this.times.length < WINDOW_FRAMES) return;
    const fps = ((this.times.length - 1) * 1000) / (this.times[this.times.length - 1] - this.times[0]);
    const keptUp = dropped === this.droppedAtStart;
    this.times = [];
    this.decisions.push({ lanes: this.lanes, fps: Math.round(fps * 10) / 10 });
    if (this.state === 'trial') {
      if (fps < this.baseFps * GAIN) {
        this.removeLane();
        this.lanes--;
        return this.settle(`${this.lanes + 1} lanes were not ${GAIN}x faster than ${this.lanes}`);
      }
    }
    this.baseFps = fps;
    if (keptUp) return this.settle(`${this.lanes} lane${this.lanes > 1 ? 's' : ''} kept up with the video`);
    if (this.lanes >= this.max) return this.settle(`${this.max} lanes, as many as the cores reported`);
    this.state = 'adding';
    this.addLane().then((added) => {
      if (this.state !== 'adding') return;  // stopped meanwhile
      if (!added) return this.settle('a worker could not start');
      this.lanes++;
      this.state = 'trial';
      this.skip = WARMUP_FRAMES;
    });
  }

  // Ends the measuring; the first reason given stays.
  settle(reason) {
    if (this.state === 'settled') return;
    this.state = 'settled';
    this.reason = reason;
  }
}
