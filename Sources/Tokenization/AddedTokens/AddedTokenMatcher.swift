/// Finds added tokens in UTF-8 text: at the leftmost position where any token starts, the
/// longest token there wins (the leftmost-longest matching HF `tokenizers` does with
/// Aho-Corasick in `AddedVocabulary`).
struct AddedTokenMatcher: Sendable {
    private struct Candidate: Sendable {
        var bytes: [UInt8]
        var id: Int
    }

    /// Candidates by first byte, longest first (`[256]`).
    private let candidatesByFirstByte: [[Candidate]]
    /// True when there is nothing to match.
    let isEmpty: Bool

    /// A matcher for `tokens` (empty contents are ignored).
    init(_ tokens: [AddedToken]) {
        var table = [[Candidate]](repeating: [], count: 256)
        for token in tokens {
            let bytes = Array(token.content.utf8)
            guard let first = bytes.first else { continue }
            table[Int(first)].append(Candidate(bytes: bytes, id: token.id))
        }
        for index in table.indices {
            table[index].sort { $0.bytes.count > $1.bytes.count }
        }
        self.candidatesByFirstByte = table
        self.isEmpty = tokens.allSatisfy { $0.content.isEmpty }
    }

    /// The first match in `bytes[range]`: its byte range and token id.
    func firstMatch(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> (range: Range<Int>, id: Int)? {
        if self.isEmpty { return nil }
        var position = range.lowerBound
        let end = range.upperBound
        while position < end {
            let candidates = self.candidatesByFirstByte[Int(bytes[position])]
            if !candidates.isEmpty {
                for candidate in candidates where position + candidate.bytes.count <= end {
                    if Self.matches(candidate.bytes, bytes, at: position) {
                        return (position..<(position + candidate.bytes.count), candidate.id)
                    }
                }
            }
            position += 1
        }
        return nil
    }

    @inline(__always)
    private static func matches(_ needle: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> Bool {
        for offset in 1..<needle.count where bytes[position + offset] != needle[offset] { return false }
        return true
    }
}
