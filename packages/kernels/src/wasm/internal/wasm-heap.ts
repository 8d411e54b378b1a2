// A size-class allocator over one WebAssembly memory: blocks are 64-byte aligned, freed blocks are reused by size.
import { BackendError } from '../../errors';

const PAGE_BYTES = 65536;
const ALIGN = 64;
/** Blocks up to this size round to a power of two; larger ones to whole 64 KiB pages (bounded waste either way). */
const POWER_OF_TWO_LIMIT = 65536;
/** wasm32 addresses stop at 4 GiB. */
const MAX_BYTES = 65536 * PAGE_BYTES;
/** The usual cause of running out: finalizers return dead tensors' blocks only between event-loop turns. */
const OUT_OF_MEMORY_HINT =
  'dead tensors are reclaimed between event-loop turns: a loop that never awaits a macrotask (setImmediate, or the Trainer) keeps every one of them';

/** Rounds a request up to its size class. */
export function sizeClass(bytes: number): number {
  if (bytes <= ALIGN) return ALIGN;
  if (bytes <= POWER_OF_TWO_LIMIT) return 2 ** Math.ceil(Math.log2(bytes));
  return Math.ceil(bytes / PAGE_BYTES) * PAGE_BYTES;
}

/**
 * Owns the part of a memory above `base`: a bump pointer plus one free list per size class. Growing the memory
 * detaches every typed array over it, so callers re-take views after each `allocate`.
 */
export class WasmHeap {
  readonly memory: WebAssembly.Memory;
  private top: number;
  private readonly free = new Map<number, number[]>();
  private readonly zero: (address: number, bytes: number) => void;

  /** `zero` clears a reused block (default a typed-array fill; the backend passes the module's memory.fill). */
  constructor(memory: WebAssembly.Memory, base: number, zero?: (address: number, bytes: number) => void) {
    this.memory = memory;
    this.zero = zero ?? ((address, bytes) => new Uint8Array(memory.buffer, address, bytes).fill(0));
    this.top = Math.ceil(base / ALIGN) * ALIGN;
  }

  /** Bytes handed out by the bump pointer so far, freed blocks included (for tests and diagnostics). */
  get highWater(): number {
    return this.top;
  }

  /** Returns a released block of `bytes`' class as is (old contents), or undefined if there is none to reuse. */
  reuse(bytes: number): number | undefined {
    return this.free.get(sizeClass(bytes))?.pop();
  }

  /** Returns the address of a zero-filled block of at least `bytes` bytes (its class size is `sizeClass(bytes)`). */
  allocate(bytes: number): number {
    const size = sizeClass(bytes);
    const reusable = this.free.get(size);
    if (reusable !== undefined && reusable.length > 0) {
      const address = reusable.pop() as number;
      // Only the requested bytes: the rest of the class is re-zeroed by whichever request reaches it.
      this.zero(address, bytes);
      return address;
    }
    const address = this.top;
    const end = address + size;
    if (end > MAX_BYTES) throw new BackendError(`wasm: out of memory allocating ${bytes} bytes (4 GiB limit); ${OUT_OF_MEMORY_HINT}`);
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      // Grow by at least an eighth of the current size so a run of allocations does not grow page by page.
      const needed = Math.ceil((end - have) / PAGE_BYTES);
      const pages = Math.min(Math.max(needed, Math.ceil(have / PAGE_BYTES / 8)), MAX_BYTES / PAGE_BYTES - have / PAGE_BYTES);
      try {
        this.memory.grow(pages);
      } catch {
        throw new BackendError(`wasm: out of memory allocating ${bytes} bytes (memory.grow by ${pages} pages failed); ${OUT_OF_MEMORY_HINT}`);
      }
    }
    this.top = end;
    // Fresh memory above the old top is zero already.
    return address;
  }

  /** Returns a block from `allocate(bytes)` to its free list. */
  release(address: number, bytes: number): void {
    const size = sizeClass(bytes);
    const list = this.free.get(size);
    if (list === undefined) this.free.set(size, [address]);
    else list.push(address);
  }
}
