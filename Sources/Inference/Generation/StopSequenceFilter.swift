/// Streams generated text while watching for stop strings.
///
/// Text that might be the start of a stop string is held back until the next piece shows
/// whether it is: `push` returns only text that can no longer become part of a stop string,
/// and stops at the first complete stop string (which is not emitted, nor anything after it).
/// Matching works on Unicode scalars, so a stop string split across tokens is still found.
package struct StopSequenceFilter: Sendable {
    private let stops: [[Unicode.Scalar]]
    private var held: [Unicode.Scalar] = []
    /// True once a stop string has been seen; later pushes return nothing.
    package private(set) var stopped = false
    /// The stop string that ended the text, if any.
    package private(set) var matched: String?

    /// A filter for `stopStrings` (empty strings are ignored).
    package init(stopStrings: [String]) {
        self.stops = stopStrings.filter { !$0.isEmpty }.map { Array($0.unicodeScalars) }
    }

    /// Adds `text` and returns what can be shown now.
    package mutating func push(_ text: String) -> String {
        guard !self.stopped else { return "" }
        self.held.append(contentsOf: text.unicodeScalars)
        // the earliest complete stop string ends the stream
        var earliest: (start: Int, stop: Int)?
        for (index, stop) in self.stops.enumerated() where stop.count <= self.held.count {
            var start = 0
            while start + stop.count <= self.held.count {
                if earliest.map({ start >= $0.start }) == true { break }
                if self.held[start..<(start + stop.count)].elementsEqual(stop) {
                    earliest = (start, index)
                    break
                }
                start += 1
            }
        }
        if let earliest {
            self.stopped = true
            self.matched = String(String.UnicodeScalarView(self.stops[earliest.stop]))
            let text = String(String.UnicodeScalarView(self.held[..<earliest.start]))
            self.held.removeAll()
            return text
        }
        // hold back the longest tail that is a proper prefix of some stop string
        var keep = 0
        for stop in self.stops {
            var length = min(stop.count - 1, self.held.count)
            while length > keep {
                if self.held[(self.held.count - length)...].elementsEqual(stop[..<length]) {
                    keep = length
                    break
                }
                length -= 1
            }
        }
        let emitted = String(String.UnicodeScalarView(self.held[..<(self.held.count - keep)]))
        self.held.removeFirst(self.held.count - keep)
        return emitted
    }

    /// Releases held-back text at the end of generation (nothing after a stop).
    package mutating func finish() -> String {
        guard !self.stopped else { return "" }
        defer { self.held.removeAll() }
        return String(String.UnicodeScalarView(self.held))
    }
}
