internal import COpenBLAS

/// Matrix products and thread control through OpenBLAS: the only door to it in Likeness.
public enum BLAS {
    /// C (m × n) = A (m × k) · Bᵀ where B is n × k, all row-major: every row of A against every
    /// row of B, the kernel of exact search and k-means assignment.
    @inline(__always)
    public static func productWithTranspose(m: Int, n: Int, k: Int,
                                            _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>) {
        lk_sgemm_abt(Int32(m), Int32(n), Int32(k), a, b, c)
    }

    /// op(A) · op(B), where op transposes the operand when its flag is set: op(A) is m × k,
    /// op(B) is k × n, the result m × n.
    public static func product(_ a: Matrix, _ b: Matrix, transposingA transposeA: Bool = false,
                               transposingB transposeB: Bool = false) -> Matrix {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let n = transposeB ? b.rows : b.columns
        precondition((transposeB ? b.columns : b.rows) == k, "inner dimensions differ")
        var out = Matrix(zeros: m, columns: n)
        guard m > 0, n > 0, k > 0 else { return out }
        a.values.withUnsafeBufferPointer { pa in
            b.values.withUnsafeBufferPointer { pb in
                out.values.withUnsafeMutableBufferPointer { pc in
                    lk_sgemm(transposeA ? 1 : 0, transposeB ? 1 : 0, Int32(m), Int32(n), Int32(k), 1,
                             pa.baseAddress!, Int32(a.columns), pb.baseAddress!, Int32(b.columns), 0, pc.baseAddress!)
                }
            }
        }
        return out
    }

    /// C = alpha · op(A) · op(B) + beta · C on raw row-major storage, for callers that keep their
    /// matrices in larger buffers (a network's flat parameters): op(A) is m × k, op(B) k × n, C m × n;
    /// `lda` and `ldb` are the stored row lengths of A and B, C's is n.
    @inline(__always)
    public static func multiply(m: Int, n: Int, k: Int, alpha: Float = 1,
                                _ a: UnsafePointer<Float>, lda: Int, transposingA transposeA: Bool = false,
                                _ b: UnsafePointer<Float>, ldb: Int, transposingB transposeB: Bool = false,
                                beta: Float = 0, into c: UnsafeMutablePointer<Float>) {
        guard m > 0, n > 0, k > 0 else { return }
        lk_sgemm(transposeA ? 1 : 0, transposeB ? 1 : 0, Int32(m), Int32(n), Int32(k), alpha,
                 a, Int32(lda), b, Int32(ldb), beta, c)
    }

    /// Threads OpenBLAS may use (process-wide).
    public static func setThreads(_ threads: Int) { lk_blas_set_threads(Int32(max(1, threads))) }
}
