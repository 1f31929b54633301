// Type declarations for ml5-wasm: ml5.js 0.x's CVAE() and pix2pix() on a wasm core.

/** Error-first callback, as ml5 0.x calls it: `(error)` on failure, `(undefined, result)` on success. */
export type Callback<T> = (error: Error | undefined, result?: T) => void;

/** RGBA pixels: an ImageData, or the same shape without the DOM (Node). */
export interface ImageDataLike {
  data: Uint8ClampedArray | Uint8Array;
  width: number;
  height: number;
}

/** What ml5's results held, plus `tensor`. `blob`, `src` and an `<img>` are made on first read. */
export interface ImageResult {
  /** RGBA bytes, row-major. */
  raws: Uint8ClampedArray;
  /** ImageData in browsers, an ImageData-like object in Node. */
  raw: ImageData | ImageDataLike;
  /** The network's output in [0, 1], shape [height, width, channels]. */
  tensor: { data: Float32Array; shape: [number, number, number] };
  /** A PNG of the image (null where Blob does not exist). */
  readonly blob: Blob | null;
  /** An object URL of the PNG in browsers (the caller may revoke it), a data URL in Node. */
  readonly src: string;
  /** A p5.Image when p5 is on the page; pix2pix gives an HTMLImageElement without p5; else null. */
  readonly image: any;
  /** The same p5.Image as `image` when p5 is on the page, else null (the reference page's name). */
  readonly p5Image: any;
}

export interface CvaeResult extends ImageResult {
  label?: string;
  /** The latent vector that made this image. */
  latent: number[];
}

export interface GenerateOptions {
  /** Makes the random latent repeatable. */
  seed?: number;
  /** ml5 draws latents from U[0, 1) ('uniform', the default); 'normal' gives more variety. */
  distribution?: 'uniform' | 'normal';
  /** A given latent (latentSize numbers) instead of a random one. */
  latent?: ArrayLike<number>;
  /** interpolate(): walk from `latent` to this latent. */
  latentTo?: ArrayLike<number>;
}

export interface Cvae {
  /** Resolves with the instance once the model is loaded; rejects with the load error. */
  ready: Promise<Cvae>;
  labels: string[] | undefined;
  latentSize: number;
  width: number;
  height: number;
  channels: number;
  /** Main-thread models; undefined in worker mode. */
  backend?: Backend;
  /** Worker mode only. */
  worker?: ModelWorker;
  generate(label: string, callback?: Callback<CvaeResult>): Promise<CvaeResult>;
  generate(label: string, options: GenerateOptions, callback?: Callback<CvaeResult>): Promise<CvaeResult>;
  generate(label: string, callback: Callback<CvaeResult>, options: GenerateOptions): Promise<CvaeResult>;
  /** n images of one label, in one pass through the network. */
  generateBatch(label: string, n: number, options?: GenerateOptions | Callback<CvaeResult[]>, callback?: Callback<CvaeResult[]>): Promise<CvaeResult[]>;
  /** `steps` images walking from labelA to labelB. */
  interpolate(labelA: string, labelB: string, steps: number, options?: GenerateOptions | Callback<CvaeResult[]>, callback?: Callback<CvaeResult[]>): Promise<CvaeResult[]>;
  /** Frees the model's wasm memory; later calls reject. */
  dispose(): void;
}

/** Options of both factories. */
export interface ModelOptions {
  /** Run inference in a Web Worker (browsers): same API, same results, a responsive page. */
  worker?: boolean;
  /** Follows the model download (total is 0 when the server does not say). Not in worker mode. */
  onProgress?: (loadedBytes: number, totalBytes: number) => void;
  /** Aborts the load: `ready` rejects with an AbortError and what was loaded is freed. */
  signal?: AbortSignal;
}

/** The Web Worker of worker mode, shared by the models that use it. */
export interface ModelWorker {
  /** Stops it: pending calls reject; the next call starts a new worker and reloads the model. */
  terminate(): void;
  /** The worker's wasm heap in bytes, as `backend.memory()` gives the page's (starts the worker if needed). */
  memory(): Promise<{ memory: number; inUse: number; peak: number }>;
}

/** ml5.CVAE(model?, callback?, options?): `model` is a manifest.json URL or folder (a path in Node); omitted: the default model. */
export function CVAE(model?: string | URL, callback?: Callback<Cvae>, options?: ModelOptions): Cvae;
export function CVAE(callback: Callback<Cvae>, options?: ModelOptions): Cvae;
/** Options and callback come in either order, as in ml5's own functions. */
export function CVAE(model: string | URL | undefined, options: ModelOptions, callback?: Callback<Cvae>): Cvae;
export function CVAE(options: ModelOptions, callback?: Callback<Cvae>): Cvae;

/**
 * Worker mode for every model made afterwards (or {worker: true} per model). startTimeout (ms,
 * default 15000): how long the worker's wasm module may take to start before worker mode goes on
 * without threads (Firefox's nested workers can stall).
 */
export function setWorkerMode(enabled: boolean, options?: { startTimeout?: number }): void;

/** Anything transfer() reads pixels from. In Node also PNG/JPEG bytes or a file path. */
export type Pix2PixInput =
  | ImageDataLike
  | ImageData
  | HTMLCanvasElement
  | OffscreenCanvas
  | HTMLImageElement
  | HTMLVideoElement
  | ImageBitmap
  | Uint8Array
  | ArrayBuffer
  | string
  | { canvas: HTMLCanvasElement } // p5.Image, p5.Graphics
  | { elt: HTMLElement }; // p5.Element

export interface TransferOptions {
  /** The working size: a multiple of the model's sizeUnit (256), or {width, height} of them. */
  size?: number | { width: number; height: number };
  /** Composite transparent pixels over this colour instead of reading them as black. */
  background?: string | [number, number, number];
  /**
   * Turn the input into a line drawing (black edges on white) before the model, the input that
   * sketch-trained models such as the default one expect: for photos and webcams.
   * The result then carries `lineArt`.
   */
  lineArt?: boolean | LineArtOptions;
}

export interface LineArtOptions {
  /** Edge strength (0..1 of the strongest possible edge) that makes a line; default 0.12. */
  threshold?: number;
  /** Pixels added to each side of a line, 0..64; -1 (default) picks one per 256 pixels of the shorter side. */
  radius?: number;
}

export interface Pix2PixResult extends ImageResult {
  /** With `lineArt`: the line drawing that the model saw. */
  lineArt?: ImageData | ImageDataLike;
  /** From transferStream(): the frame's number in the stream (0, 1, 2, …, in order). */
  frame?: number;
}

export interface StreamOptions extends TransferOptions {
  /** At most this many frames per second (default: as fast as the model and the source allow). */
  fps?: number;
  /**
   * On pages without threads (no COOP/COEP): 'auto' (default) adds workers, each with a model of
   * its own, while frames are dropped and each makes the stream faster, up to the cores the
   * browser reports; a number runs that many frames at once (the model plus workers). With
   * threads, or without Workers, the model alone.
   */
  workers?: 'auto' | number;
}

export interface StreamStats {
  /** Frames transferred and delivered. */
  frames: number;
  /** New source frames never transferred because a frame was in flight. */
  dropped: number;
  /** Delivered frames per second, over the last 30. */
  fps: number;
  /** Milliseconds the last frame took, from capture to result. */
  ms: number;
  /** Frames that can be in flight at once: the model, plus the stream's workers. */
  lanes: number;
  /** In the final stats of a stream with workers: 'auto': each measured {lanes, fps}. */
  scaling?: { lanes: number; fps: number }[];
  /** ... and why it runs on the lanes it has. */
  scaled?: string;
}

/** A running pix2pix.transferStream(). Without an onFrame callback, iterate it with `for await`. */
export interface TransferStream extends AsyncIterable<Pix2PixResult> {
  readonly stats: StreamStats;
  /** Stops the stream; no frame is delivered afterwards. Resolves with the final stats. */
  stop(): Promise<StreamStats>;
  /** Resolves with the final stats once the stream has stopped (by stop() or an error). */
  readonly done: Promise<StreamStats>;
}

export interface Pix2PixOptions extends ModelOptions {
  /** pix2pix-tensorflow's original math (ml5 dropped the encoder bias). */
  encoderBias?: boolean;
  /**
   * A tfjs Layers model.json generator: 'batch' (default) normalizes on each image's own
   * statistics, as Keras' training=True and ml5 compute; 'moving' uses the moving statistics
   * (Keras inference).
   */
  batchNorm?: 'batch' | 'moving';
}

export interface Pix2Pix {
  ready: Promise<Pix2Pix>;
  ngf: number;
  /** Working sizes are multiples of this: 256 for ml5's models, 128 for a converted unet_128. */
  sizeUnit: number;
  modelPath: string;
  /** Main-thread models; undefined in worker mode. */
  backend?: Backend;
  /** Worker mode only. */
  worker?: ModelWorker;
  transfer(input: Pix2PixInput, callback?: Callback<Pix2PixResult>): Promise<Pix2PixResult>;
  transfer(input: Pix2PixInput, options: TransferOptions, callback?: Callback<Pix2PixResult>): Promise<Pix2PixResult>;
  transfer(input: Pix2PixInput, callback: Callback<Pix2PixResult>, options: TransferOptions): Promise<Pix2PixResult>;
  /**
   * Every new frame of a video (a `<video>`, p5's createCapture(VIDEO), or a canvas that changes)
   * through transfer(), one in flight per lane (see StreamOptions.workers): frames that arrive
   * while every lane is busy are dropped, results come in frame order.
   * onFrame(error, result) per frame; an error stops the stream.
   */
  transferStream(source: Pix2PixInput, onFrame?: Callback<Pix2PixResult>): TransferStream;
  transferStream(source: Pix2PixInput, options: StreamOptions, onFrame?: Callback<Pix2PixResult>): TransferStream;
  dispose(): void;
}

/** A .pict file's URL, or its bytes (e.g. a File from `<input type="file">`). */
export type Pix2PixModel = string | URL | ArrayBuffer | ArrayBufferView | Blob;

/** With a callback: the instance (as ml5); without: a Promise of it. `model` omitted: the default model. */
export function pix2pix(model: Pix2PixModel | undefined, callback: Callback<Pix2Pix>, options?: Pix2PixOptions): Pix2Pix;
export function pix2pix(callback: Callback<Pix2Pix>): Pix2Pix;
export function pix2pix(model?: Pix2PixModel): Promise<Pix2Pix>;
export function pix2pix(model: Pix2PixModel | undefined, callback: undefined, options: Pix2PixOptions): Promise<Pix2Pix>;
/** Options and callback come in either order, as in ml5's own functions. */
export function pix2pix(model: Pix2PixModel | undefined, options: Pix2PixOptions, callback: Callback<Pix2Pix>): Pix2Pix;
export function pix2pix(model: Pix2PixModel | undefined, options: Pix2PixOptions): Promise<Pix2Pix>;
export function pix2pix(options: Pix2PixOptions): Promise<Pix2Pix>;

/**
 * wasm-relaxed-simd(-threads): relaxed SIMD (fused multiply-add) too, where the engine has it;
 * wasm-scalar: no SIMD and no threads, where the browser lacks wasm SIMD.
 */
export type Variant = 'wasm-simd' | 'wasm-simd-threads' | 'wasm-relaxed-simd' | 'wasm-relaxed-simd-threads' | 'wasm-scalar';

export interface Backend {
  /** The Emscripten module (embind classes); not a stable API. */
  module: any;
  variant: Variant;
  /** Worker threads started with the module (1 for wasm-simd). */
  poolSize: number;
  readonly threads: number;
  /** Whether model calls choose threads or one thread per call from their timings (off after setThreads()). */
  adaptive: boolean;
  /** Clears `adaptive`: the caller's count is used for every call. */
  setThreads(threads: number): void;
  /** Bytes: wasm memory, allocated now, and the most the heap ever spanned. */
  memory(): { memory: number; inUse: number; peak: number };
}

export function loadBackend(options?: { variant?: Variant; threads?: number }): Promise<Backend>;
export function pickVariant(): Variant;
/**
 * Models made afterwards use this variant instead of the picked one (null: pick again), e.g.
 * 'wasm-simd-threads' where relaxed SIMD exists, for bytes equal to engines without it.
 */
export function setWasmVariant(variant: Variant | null): void;
/**
 * Before the first load: the worker pool's size. After: the threads used, within that pool.
 * CVAE models made afterwards use threads too when n > 1 (by default CVAE runs without them).
 */
export function setThreads(threads: number): Promise<number>;
export function getThreads(): Promise<number>;
/**
 * The variant this page loads for pix2pix (CVAE runs that variant's build without threads).
 * threadsNote: why inference runs on fewer threads than the machine reports (null if it does not).
 */
export function backendInfo(): Promise<{ simd: boolean; threads: number; variant: Variant; version: string; threadsNote: string | null }>;

/** A folder URL for every file, or a URL per file name. */
export function setWasmPaths(paths: string | Record<string, string>): void;

export interface Limits {
  maxModelWeights: number;
  maxImagePixels: number;
  /** A model download that receives no data for this many ms fails (default 30000). */
  downloadStallMs: number;
}
export function getLimits(): Limits;
export function setLimits(changes: Partial<Limits>): Limits;

export function encodePng(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Promise<Uint8Array>;
export function decodeImage(bytes: Uint8Array | ArrayBuffer): Promise<{ data: Uint8Array; width: number; height: number }>;
/** A .pict as a compact .pict: its kernels in `kernelBits` bits per weight (default 6), for a
 * smaller download; `ml5.pix2pix()` loads either. */
export function compactPict(bytes: Uint8Array | ArrayBuffer, options?: { kernelBits?: number; name?: string }): Promise<Uint8Array>;

export function conv2d(
  backend: Backend,
  options: {
    input: Float32Array;
    inputShape: [number, number, number, number];
    kernel: Float32Array;
    kernelSize: [number, number];
    bias?: Float32Array | null;
    strides?: [number, number];
    padding?: 'same' | 'valid';
    outChannels: number;
    activation?: 'linear' | 'relu' | 'leakyRelu' | 'tanh' | 'sigmoid';
  },
): { data: Float32Array; shape: [number, number, number, number] };

/** One row of the model registry (web/registry.js; docs/adding-a-model.md). */
export interface ModelRow {
  /** ml5.<name>() in the <script> build, and the name worker mode loads by. */
  name: string;
  /** ml5's factory, as sketches call it. */
  factory: (...args: any[]) => unknown;
  /** The class: new instance(model, callback, options), with `ready` and `workerInfo()`. */
  instance: new (model: unknown, callback: unknown, options: unknown) => { ready: Promise<unknown>; workerInfo(): object };
  /** The default model's files under models/, the one to load first. */
  defaultFiles: string[];
  /** p5's preload() waits for the factory. */
  preload: boolean;
  /** The methods worker mode runs in its worker. */
  workerMethods: string[];
}
/** The model kinds: CVAE and pix2pix, and any added with registerModel(). */
export const models: ModelRow[];
/** Adds a model kind; the <script> build's global `ml5` gets ml5[row.name]. */
export function registerModel(row: Partial<ModelRow> & Pick<ModelRow, 'name' | 'factory' | 'instance'>): ModelRow;

/** A tfjs Layers model on the core (modelKit.loadLayersModel). Free it with delete(). */
export interface LayersModel {
  inputCount(): number;
  /** Per-sample dims of input i, without the batch axis, e.g. [16, 16, 3]. */
  inputDims(i: number): number[];
  outputDims(): number[];
  /** One Float32Array per input, `batch` samples each. rgba: for image outputs (1, 3 or 4 channels). */
  run(inputs: Float32Array[], batch: number): { output: Float32Array; rgba?: Uint8Array };
  delete(): void;
}
/** What a model wrapper is made of (docs/adding-a-model.md). */
export const modelKit: {
  callCallback<T>(promise: Promise<T>, callback?: Callback<T>): Promise<T>;
  /** Options and callback in either order; anything else throws a TypeError naming `what` ("generate()"). */
  optionsAndCallback<O>(options?: O | Callback<any>, callback?: O | Callback<any>, what?: string): [O, Callback<any> | undefined];
  check<T>(value: T | Error): T;
  loadBackend(options?: { variant?: Variant; threads?: number }): Promise<Backend & { module: any }>;
  loadBytes(url: URL, onProgress?: (loaded: number, total: number) => void): Promise<Uint8Array>;
  loadText(url: URL): Promise<string>;
  toUrl(location: string | URL): Promise<URL>;
  withHeapBytes<T>(module: any, parts: ArrayBuffer | ArrayBufferView | Array<ArrayBuffer | ArrayBufferView>, use: (heap: any) => T): T;
  fetchLayersModel(module: any, modelUrl: URL, options?: { modelFile?: string; locate?: (path: string) => URL | Promise<URL>; onProgress?: (loaded: number, total: number) => void }): Promise<{ modelJson: string; modelFile: string; shards: Uint8Array[] }>;
  loadLayersModel(module: any, modelUrl: URL, options?: { modelFile?: string; locate?: (path: string) => URL | Promise<URL>; onProgress?: (loaded: number, total: number) => void }): Promise<LayersModel>;
  readPixels(input: unknown, module: any): Promise<{ data: Uint8Array | Uint8ClampedArray; width: number; height: number }>;
  imageResult(module: any, pixels: { rgba: Uint8Array; output: Float32Array; width: number; height: number; channels: number; htmlImage?: boolean }): ImageResult;
};

export const p5Utils: { setP5Instance(p: any): void; checkP5(): boolean };
export const version: string;
