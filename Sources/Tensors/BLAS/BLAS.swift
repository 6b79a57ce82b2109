import COpenBLAS

/// The OpenBLAS calls the engine makes: single-precision GEMM for large prefill products, and
/// what OpenBLAS reports about itself. OpenBLAS runs single-threaded here: our own blocking
/// pool splits the work, so no OpenBLAS thread spins between calls.
package enum BLAS {
    /// The kernel family OpenBLAS picked for this CPU (`openblas_get_corename()`), e.g.
    /// `SkylakeX` or `Haswell`; Debian's 0.3.21 may report a generic core on newer CPUs. We
    /// report it and never override it.
    package static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// Cores whose SGEMM is an AVX2/AVX-512 kernel (OpenBLAS's names), fast enough to beat our
    /// own products for large prefill chunks.
    package static let optimizedCores = [
        "haswell", "zen", "skylakex", "cooperlake", "sapphirerapids", "skylake", "icelake", "tigerlake", "alderlake", "broadwell",
    ]

    /// True when `coreName` is one of `optimizedCores`.
    package static var hasOptimizedCore: Bool {
        let name = self.coreName.lowercased()
        return self.optimizedCores.contains { name.hasPrefix($0) }
    }

    /// OpenBLAS's own configuration string (`openblas_get_config()`).
    package static var configuration: String {
        guard let text = openblas_get_config() else { return "unknown" }
        return String(cString: text)
    }

    /// Makes OpenBLAS use one thread per call (the engine parallelises around it).
    package static func useSingleThread() {
        openblas_set_num_threads(1)
    }

    /// `C[m×n] = A[m×k] · B[n×k]ᵀ` (all row-major, leading dimensions given), i.e. every row of
    /// C holds the dot products of one row of A with every row of B.
    package static func multiplyTransposed(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasTrans, blasint(m), blasint(n), blasint(k), 1, a, blasint(lda), b, blasint(ldb), 0, c,
            blasint(ldc))
    }
}
