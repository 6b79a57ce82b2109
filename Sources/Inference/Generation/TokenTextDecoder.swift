/// Turns generated token ids into text incrementally (holding back bytes of a character split
/// across tokens). Tokenization's `StreamingDecoder` is the real one.
package protocol TokenTextDecoder {
    /// Adds one token and returns the text that became complete.
    mutating func append(_ id: Int) -> String
    /// Returns whatever is still held back and resets.
    mutating func finish() -> String
}
