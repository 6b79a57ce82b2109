/// Case-insensitive subsequence matching for the short lists of popups (palette actions,
/// themes, conversations); file paths go through Workspace's fuzzy index instead.
package enum SubsequenceMatch {
    /// The character positions in `text` matching `query` in order, preferring matches at word
    /// starts; nil when `query` is not a subsequence. An empty query matches with no positions.
    package static func positions(of query: String, in text: String) -> [Int]? {
        let needle = Array(query.lowercased())
        guard !needle.isEmpty else { return [] }
        let haystack = Array(text.lowercased())
        // Prefer word-start matches: try greedy from each word start of the first character.
        var best: [Int]?
        var bestScore = Int.min
        for start in haystack.indices where haystack[start] == needle[0] {
            var positions = [start]
            var index = start + 1
            for character in needle.dropFirst() {
                while index < haystack.count && haystack[index] != character { index += 1 }
                guard index < haystack.count else { break }
                positions.append(index)
                index += 1
            }
            guard positions.count == needle.count else { break }
            let score = self.score(positions, haystack)
            if score > bestScore {
                best = positions
                bestScore = score
            }
        }
        return best
    }

    /// Higher for contiguous runs, word starts and early matches.
    package static func score(_ positions: [Int], _ haystack: [Character]) -> Int {
        var score = 0
        for (index, position) in positions.enumerated() {
            if position == 0 || haystack[position - 1] == " " || haystack[position - 1] == "/" || haystack[position - 1] == "." {
                score += 8
            }
            if index > 0 && positions[index - 1] == position - 1 { score += 5 }
        }
        return score - (positions.first ?? 0) - haystack.count / 8
    }
}
