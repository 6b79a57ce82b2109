/// Holds back generated text that could be the start of a stop string, so a stop string is
/// never emitted, not even in part.
///
/// Feed decoded text as it arrives; each call returns what is safe to show. When a stop string
/// appears, the text before it is returned and `matched` is set; everything after is dropped.
///
/// - Complexity: O(pending × stop strings) per call; pending text is shorter than the longest
///   stop string.
struct StopStringFilter {
    private let stops: [String]
    private var pending = ""
    /// The stop string found, once one is.
    private(set) var matchedStop: String?

    /// True once a stop string was found.
    var matched: Bool { self.matchedStop != nil }

    init(stops: [String]) {
        self.stops = stops.filter { !$0.isEmpty }
    }

    /// Adds text; returns the part that can no longer become a stop string.
    mutating func feed(_ text: String) -> String {
        guard !self.matched else { return "" }
        guard !self.stops.isEmpty else { return text }
        self.pending += text
        // The earliest complete stop string wins.
        var earliest: String.Index?
        var earliestStop: String?
        for stop in self.stops {
            if let range = self.pending.range(of: stop), earliest.map({ range.lowerBound < $0 }) ?? true {
                earliest = range.lowerBound
                earliestStop = stop
            }
        }
        if let earliest {
            self.matchedStop = earliestStop
            let safe = String(self.pending[..<earliest])
            self.pending = ""
            return safe
        }
        // Keep the longest suffix that is a prefix of some stop string.
        let keep = self.heldBackLength()
        let cut = self.pending.index(self.pending.endIndex, offsetBy: -keep)
        let safe = String(self.pending[..<cut])
        self.pending = String(self.pending[cut...])
        return safe
    }

    /// The end of generation without a match: the held-back text is safe after all.
    mutating func finish() -> String {
        defer { self.pending = "" }
        return self.matched ? "" : self.pending
    }

    private func heldBackLength() -> Int {
        let characters = Array(self.pending)
        var best = 0
        for stop in self.stops {
            let stopCharacters = Array(stop)
            let longest = min(stopCharacters.count - 1, characters.count)
            guard longest > best else { continue }
            for length in stride(from: longest, to: best, by: -1)
            where characters[(characters.count - length)...].elementsEqual(stopCharacters[..<length]) {
                best = length
                break
            }
        }
        return best
    }
}

extension String {
    /// The first range of `other` in the string (by Characters).
    fileprivate func range(of other: String) -> Range<String.Index>? {
        guard !other.isEmpty else { return nil }
        var start = self.startIndex
        while start < self.endIndex {
            if self[start...].hasPrefix(other) {
                return start..<self.index(start, offsetBy: other.count)
            }
            start = self.index(after: start)
        }
        return nil
    }
}
