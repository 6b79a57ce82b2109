import Dispatch

/// A fuzzy-findable list of paths: the bytes of every path packed contiguously (original and
/// ASCII-lowercased), so a query scans memory linearly and allocates nothing per path.
///
/// Build it from `Workspace.walkFiles` batches (`append`), then `search`. A query is split on
/// spaces into terms that must all match (fzf's extended syntax without operators); a term with
/// an uppercase letter matches case-sensitively (smart case). Results are ranked by score, then
/// shorter path, then walk order; positions are computed for the returned matches only.
package struct FuzzyIndex: Sendable {
    /// The indexed paths, in the order they were appended.
    package private(set) var paths: [String] = []
    private var original: [UInt8] = []
    private var folded: [UInt8] = []
    private var offsets: [Int] = [0]

    package init(paths: [String] = []) {
        self.append(paths)
    }

    /// The number of paths.
    package var count: Int { self.paths.count }

    /// Adds paths (a walk batch).
    package mutating func append(_ newPaths: [String]) {
        self.paths.reserveCapacity(self.paths.count + newPaths.count)
        for path in newPaths {
            self.paths.append(path)
            for byte in path.utf8 {
                self.original.append(byte)
                self.folded.append(FuzzyMatcher.foldASCII(byte))
            }
            self.offsets.append(self.original.count)
        }
    }

    /// One ranked result.
    package struct Match: Hashable, Sendable {
        /// Index into `paths`.
        package var index: Int
        /// The matched path.
        package var path: String
        /// The fzf-style score (higher is better).
        package var score: Int
        /// UTF-8 byte offsets of the matched characters in `path`, ascending.
        package var positions: [Int]

        /// The matched positions as `Character` offsets into `path` (for drawing highlights).
        package var characterPositions: [Int] {
            TextOffsets.characterOffsets(forUTF8Offsets: self.positions, in: self.path)
        }
    }

    /// The outcome of one query.
    package struct Results: Sendable {
        /// The query as given.
        package var query: String
        /// The best matches, at most the requested limit, best first.
        package var matches: [Match]
        /// How many paths matched in total.
        package var totalMatches: Int
        /// Indices of every matching path, for narrowing the next, longer query.
        package var candidates: [Int]
    }

    /// Runs `query` and returns the best `limit` matches.
    ///
    /// - Parameters:
    ///   - narrowing: results of a previous query that this query extends (same terms, the last
    ///     one longer, or more terms): only its candidates are scanned.
    ///   - parallel: split the scan across the machine's cores.
    /// - Complexity: O(total path bytes) for the subsequence filter plus O(m·n) scoring per
    ///   candidate.
    package func search(_ query: String, limit: Int = 100, narrowing previous: Results? = nil, parallel: Bool = true) -> Results {
        let terms = query.split(separator: " ").map(String.init)
        if terms.isEmpty {
            let shown = (0..<min(limit, self.paths.count)).map { Match(index: $0, path: self.paths[$0], score: 0, positions: []) }
            return Results(query: query, matches: shown, totalMatches: self.paths.count, candidates: Array(self.paths.indices))
        }
        let compiled = terms.map { term -> (bytes: [UInt8], caseSensitive: Bool) in
            let sensitive = term.utf8.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
            let bytes = sensitive ? Array(term.utf8) : Array(term.utf8).map(FuzzyMatcher.foldASCII)
            return (bytes, sensitive)
        }
        let usePrevious = previous.map { Self.extends(query, previous: $0.query) } ?? false
        let domain: [Int]? = usePrevious ? previous?.candidates : nil
        let total = domain?.count ?? self.paths.count
        let parts = parallel && total > 20_000 ? 2 : 1
        let chunkSize = (total + parts - 1) / max(parts, 1)
        let scoredParts = LockedScored(parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let lower = part * chunkSize
            let upper = min(total, lower + chunkSize)
            var scored: [(score: Int, length: Int, index: Int)] = []
            var scratch = FuzzyScratch()
            if lower < upper {
                self.original.withUnsafeBufferPointer { original in
                    self.folded.withUnsafeBufferPointer { folded in
                        for position in lower..<upper {
                            let index = domain?[position] ?? position
                            if let score = self.score(index, compiled, original, folded, scratch: &scratch) {
                                scored.append((score, self.offsets[index + 1] - self.offsets[index], index))
                            }
                        }
                    }
                }
            }
            scoredParts.store(part, scored)
        }
        let all = scoredParts.merged()
        let best = Self.top(all, limit: limit)
        let matches = best.map { item -> Match in
            Match(index: item.index, path: self.paths[item.index], score: item.score, positions: self.positions(item.index, compiled))
        }
        // Parts cover consecutive ranges of an ascending domain, so the indices are already sorted.
        return Results(query: query, matches: matches, totalMatches: all.count, candidates: all.map(\.index))
    }

    /// True when every match of `query` must also match `previous`.
    static func extends(_ query: String, previous: String) -> Bool {
        let old = previous.split(separator: " ")
        let new = query.split(separator: " ")
        guard !old.isEmpty, new.count >= old.count else { return false }
        for (index, term) in old.enumerated() {
            let candidate = new[index]
            let oldSensitive = term.contains { $0.isUppercase }
            let newSensitive = candidate.contains { $0.isUppercase }
            if oldSensitive && !newSensitive { return false }
            if index == old.count - 1 ? !candidate.hasPrefix(term) : candidate != term {
                return false
            }
        }
        return true
    }

    private func score(
        _ index: Int,
        _ terms: [(bytes: [UInt8], caseSensitive: Bool)],
        _ original: UnsafeBufferPointer<UInt8>,
        _ folded: UnsafeBufferPointer<UInt8>,
        scratch: inout FuzzyScratch
    ) -> Int? {
        let lower = self.offsets[index]
        let upper = self.offsets[index + 1]
        let text = UnsafeBufferPointer(rebasing: original[lower..<upper])
        let lowered = UnsafeBufferPointer(rebasing: folded[lower..<upper])
        var total = 0
        for term in terms {
            let subject = term.caseSensitive ? text : lowered
            let result = term.bytes.withUnsafeBufferPointer { pattern in
                FuzzyMatcher.match(pattern, text: text, folded: subject, withPositions: false, scratch: &scratch)
            }
            guard let result else { return nil }
            total += result.score
        }
        return total
    }

    private func positions(_ index: Int, _ terms: [(bytes: [UInt8], caseSensitive: Bool)]) -> [Int] {
        let lower = self.offsets[index]
        let upper = self.offsets[index + 1]
        var scratch = FuzzyScratch()
        var positions = Set<Int>()
        for term in terms {
            let result: FuzzyMatcher.Result? = self.original.withUnsafeBufferPointer { original in
                self.folded.withUnsafeBufferPointer { folded in
                    term.bytes.withUnsafeBufferPointer { pattern in
                        let text = UnsafeBufferPointer(rebasing: original[lower..<upper])
                        let subject = term.caseSensitive ? text : UnsafeBufferPointer(rebasing: folded[lower..<upper])
                        return FuzzyMatcher.match(pattern, text: text, folded: subject, withPositions: true, scratch: &scratch)
                    }
                }
            }
            positions.formUnion(result?.positions ?? [])
        }
        return positions.sorted()
    }

    /// The best `limit` entries: higher score, then shorter, then earlier.
    private static func top(_ items: [(score: Int, length: Int, index: Int)], limit: Int) -> [(score: Int, length: Int, index: Int)] {
        func better(_ a: (score: Int, length: Int, index: Int), _ b: (score: Int, length: Int, index: Int)) -> Bool {
            if a.score != b.score { return a.score > b.score }
            if a.length != b.length { return a.length < b.length }
            return a.index < b.index
        }
        if items.count <= limit { return items.sorted(by: better) }
        // Keep a sorted window of the best `limit`; most items are rejected by one comparison.
        var best = Array(items.prefix(limit)).sorted(by: better)
        for item in items.dropFirst(limit) {
            guard let worst = best.last, better(item, worst) else { continue }
            best.removeLast()
            let position = best.firstIndex { better(item, $0) } ?? best.count
            best.insert(item, at: position)
        }
        return best
    }
}

/// Per-part results of a parallel scan.
private final class LockedScored: @unchecked Sendable {
    // @unchecked: each part writes only its own slot, and reads happen after concurrentPerform returns.
    private var parts: [[(score: Int, length: Int, index: Int)]]

    init(_ count: Int) { self.parts = Array(repeating: [], count: count) }

    func store(_ part: Int, _ items: [(score: Int, length: Int, index: Int)]) {
        self.parts.withUnsafeMutableBufferPointer { $0[part] = items }
    }

    func merged() -> [(score: Int, length: Int, index: Int)] { self.parts.flatMap { $0 } }
}
