import CMalloc

/// How a training command asks the C allocator to treat its large buffers.
///
/// Training allocates the same large arrays for every batch (each layer's outputs, im2col columns,
/// gradients). By default glibc serves blocks above its mmap threshold with fresh pages and gives
/// freed memory at the heap's top back to the kernel, so every batch pays page faults and zeroing:
/// a fifth of an autoencoder epoch in a profile. Raising both thresholds for the training process
/// keeps those blocks in the heap to be reused (measured: 3.5 → 2.9–3.1 s per MNIST 5,000 epoch,
/// docs/benchmarks.md). Only the `train` commands call it; the process ends when training does.
enum TrainingAllocator {
    static func keepLargeBlocks() {
        _ = mallopt(M_MMAP_THRESHOLD, 256 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 512 << 20)
    }
}
