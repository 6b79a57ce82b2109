import Checkpoint
import Tensors

/// What a loaded checkpoint holds: parameters, bytes by dtype, layer kinds, and how much of it
/// the engine keeps resident.
package struct ModelSummary: Sendable, Equatable {
    /// Logical parameters of the main model (FP4 counts two per byte; scales excluded).
    package var parameterCount: Int
    /// Logical parameters of the `mtp.*` block (recognised, not used for plain generation).
    package var mtpParameterCount: Int
    /// Tensors of the main model (weights and scales) and of the MTP block.
    package var tensorCount: Int
    /// Tensors of the MTP block.
    package var mtpTensorCount: Int
    /// Bytes of every tensor by stored dtype (main model, scales and MTP).
    package var bytesByDType: [DType: Int]
    /// Total size of the safetensors files.
    package var fileBytes: Int
    /// Number of safetensors files.
    package var fileCount: Int
    /// Main layers by attention kind.
    package var windowLayers: Int
    /// Main layers with CSA (ratio 4).
    package var compressedSparseLayers: Int
    /// Main layers with HCA (any other ratio).
    package var heavilyCompressedLayers: Int
    /// Bytes the engine copied out of the mapping into its own memory (small float vectors
    /// converted to f32: norms, mHC parameters, sinks, biases, routing tables). Every matrix
    /// stays in the mapping in its stored format.
    package var convertedBytes: Int
    /// Weight bytes one decode step reads at short context: every dense and attention weight,
    /// the shared experts, `num_experts_per_tok` routed experts per layer, one embedding row and
    /// the LM head.
    package var activeWeightBytesPerToken: Int
}
