#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import DeepSeekV4
import Tensors

/// What the engine state reports about the loaded weights and the machine.
package struct ModelFacts: Sendable, Hashable {
    /// Parameters in the checkpoint (MTP included).
    package var parameterCount: Int
    /// Stored weight bytes by dtype (`bf16`, `f8_e4m3`, …).
    package var weightBytesByDtype: [String: Int]
    /// The OpenBLAS kernel family for this CPU.
    package var openblasCore: String
    /// Compute threads.
    package var threads: Int

    package init(parameterCount: Int, weightBytesByDtype: [String: Int], openblasCore: String, threads: Int) {
        self.parameterCount = parameterCount
        self.weightBytesByDtype = weightBytesByDtype
        self.openblasCore = openblasCore
        self.threads = threads
    }
}

/// Loads a checkpoint as a `LanguageModel` for the scheduler.
package enum ModelBootstrap {
    /// Loads the DeepSeek-V4 checkpoint in `directory` (validated tensor by tensor); `progress`
    /// gets the fraction done (see `DeepSeekV4Model.load`).
    package static func loadDeepSeekV4(
        directory: String, threads: Int?, maxContext: Int?, progress: ((Double) -> Void)? = nil
    ) throws -> (DeepSeekV4LanguageModel, ModelFacts) {
        let model = try DeepSeekV4Model.load(
            directory: directory,
            options: DeepSeekV4Model.Options(threads: threads, maximumContext: maxContext),
            progress: progress
        )
        let adapter = DeepSeekV4LanguageModel(model)
        let weights = adapter.weightFacts
        let facts = ModelFacts(
            parameterCount: weights.parameterCount,
            weightBytesByDtype: weights.bytesByDtype,
            openblasCore: BLAS.coreName,
            threads: threads ?? max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        )
        return (adapter, facts)
    }
}
