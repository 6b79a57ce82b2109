/// The generation loop's sampler picks the scheduler's tokens too.
extension Sampler: TokenSampler {}
