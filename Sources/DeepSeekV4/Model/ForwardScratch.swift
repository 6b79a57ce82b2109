import Checkpoint
import Tensors

/// The forward pass's working memory: one buffer per intermediate, sized for the largest
/// chunk seen and reused, so steady-state decoding allocates nothing. Buffers whose size
/// depends on the context (indexer scores, per-thread attention scores) grow geometrically.
final class ForwardScratch {
    /// The intermediates, with their shapes for a chunk of T tokens.
    enum Slot: Int, CaseIterable {
        case streams  // [T, hc, d] residual streams
        case flat  // [T, hc·d] normalised (pre-step) or mixed (post-step) streams
        case mixes  // [T, (2+hc)·hc] mHC projections
        case post  // [T, hc]
        case combination  // [T, hc, hc] Sinkhorn-normalised C
        case collapsed  // [T, d] Σ pre_j X_j
        case normed  // [T, d] sub-layer input
        case output  // [T, d] sub-layer output
        case queryLatent  // [T, q_lora]
        case query  // [T, H, D]
        case keys  // [T, D] raw K=V of the chunk
        case attended  // [T, H, D] attention output
        case groupedOutput  // [T, G·o_lora]
        case cosines, sines  // [T, rd/2]
        case entryCosines, entrySines  // [rd/2]
        case compressorValues, compressorScores  // [T, 2·max(D, index width)]
        case entry  // [max(D, index width)] one pooled entry
        case indexQuery  // [T, index heads, index width]
        case indexWeights  // [T, index heads]
        case indexScores  // [visible entries]
        case routerLogits  // [T, E]
        case expertInput  // [T, d] gathered token inputs of one expert
        case expertGate, expertUp  // [T, inter]
        case expertOutput  // [T, d]
        case routed  // [T, d] routed-expert sum
    }

    private var buffers = Array(repeating: ScratchBuffer(), count: Slot.allCases.count)
    private var pointers: [UnsafeMutablePointer<Float>] = []
    private var perThreadBuffers: [ScratchBuffer] = []
    private var perThreadCapacity = 0
    /// Per-thread attention score buffers (`reservePerThread` first).
    private(set) var perThread: [UnsafeMutablePointer<Float>] = []
    /// Indexer selections `[T, index_topk]` and their counts `[T]`.
    private(set) var selected: [Int32] = []
    private(set) var selectedCounts: [Int32] = []
    /// MoE routing of the chunk: experts and weights per token `[T, k]`.
    private(set) var routes: [Int32] = []
    private(set) var routeWeights: [Float] = []

    init() {
        for index in self.buffers.indices { self.pointers.append(self.buffers[index].reserve(1)) }
    }

    /// The buffer for `slot`.
    subscript(_ slot: Slot) -> UnsafeMutablePointer<Float> {
        self.pointers[slot.rawValue]
    }

    /// Grows `slot` to at least `count` floats and returns it.
    @discardableResult
    func reserve(_ slot: Slot, _ count: Int) -> UnsafeMutablePointer<Float> {
        let pointer = self.buffers[slot.rawValue].reserve(max(1, count))
        self.pointers[slot.rawValue] = pointer
        return pointer
    }

    /// Grows every buffer to hold a chunk of `tokens` tokens.
    func prepare(configuration c: ModelConfiguration, tokens t: Int) {
        let d = c.hiddenSize
        let hc = c.hyperConnectionCount
        let widest = 2 * max(c.headDimension, c.indexHeadDimension)
        let half = c.ropeDimension / 2
        for raw in 0..<self.buffers.count {
            guard let slot = Slot(rawValue: raw) else { continue }
            let count: Int
            switch slot {
            case .streams, .flat: count = t * hc * d
            case .mixes: count = t * c.hyperConnectionMixes
            case .post: count = t * hc
            case .combination: count = t * hc * hc
            case .collapsed, .normed, .output, .expertInput, .expertOutput, .routed: count = t * d
            case .queryLatent: count = t * c.queryRank
            case .query, .attended: count = t * c.headCount * c.headDimension
            case .keys: count = t * c.headDimension
            case .groupedOutput: count = t * c.outputGroups * c.outputRank
            case .cosines, .sines: count = t * half
            case .entryCosines, .entrySines: count = half
            case .compressorValues, .compressorScores: count = t * widest
            case .entry: count = max(c.headDimension, c.indexHeadDimension)
            case .indexQuery: count = t * c.indexHeadCount * c.indexHeadDimension
            case .indexWeights: count = t * c.indexHeadCount
            case .indexScores: count = 1
            case .routerLogits: count = t * c.routedExpertCount
            case .expertGate, .expertUp: count = t * c.expertWidth
            }
            self.reserve(slot, count)
        }
        let topK = max(1, c.indexTopK)
        if self.selected.count < t * topK { self.selected = Array(repeating: 0, count: t * topK) }
        if self.selectedCounts.count < t { self.selectedCounts = Array(repeating: 0, count: t) }
        if self.routes.count < t * c.expertsPerToken {
            self.routes = Array(repeating: 0, count: t * c.expertsPerToken)
            self.routeWeights = Array(repeating: 0, count: t * c.expertsPerToken)
        }
    }

    /// Per-thread score buffers of at least `count` floats for `participants` threads.
    func reservePerThread(_ count: Int, participants: Int) {
        if self.perThreadBuffers.count < participants {
            self.perThreadBuffers += Array(repeating: ScratchBuffer(), count: participants - self.perThreadBuffers.count)
            self.perThreadCapacity = 0
        }
        guard count > self.perThreadCapacity else { return }
        let capacity = max(count, 2 * self.perThreadCapacity, 256)
        self.perThread = (0..<self.perThreadBuffers.count).map { self.perThreadBuffers[$0].reserve(capacity) }
        self.perThreadCapacity = capacity
    }

    /// Runs `body` with the selection buffers.
    func withSelection<Result>(_ body: (UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>) -> Result) -> Result {
        self.selected.withUnsafeMutableBufferPointer { selected in
            self.selectedCounts.withUnsafeMutableBufferPointer { counts in
                body(selected.baseAddress.unsafelyUnwrapped, counts.baseAddress.unsafelyUnwrapped)
            }
        }
    }

    /// Runs `body` with the routing buffers.
    func withRoutes<Result>(_ body: (UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Float>) -> Result) -> Result {
        self.routes.withUnsafeMutableBufferPointer { routes in
            self.routeWeights.withUnsafeMutableBufferPointer { weights in
                body(routes.baseAddress.unsafelyUnwrapped, weights.baseAddress.unsafelyUnwrapped)
            }
        }
    }
}
