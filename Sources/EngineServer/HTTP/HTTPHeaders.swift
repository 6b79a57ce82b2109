/// HTTP header fields in the order received, looked up case-insensitively.
package struct HTTPHeaders: Sendable, Hashable, Sequence {
    private var fields: [(name: String, value: String)]

    package init(_ fields: [(String, String)] = []) {
        self.fields = fields.map { (name: $0.0, value: $0.1) }
    }

    /// The first value of `name`, or nil.
    package subscript(name: String) -> String? {
        let lowered = name.lowercased()
        return self.fields.first { $0.name.lowercased() == lowered }?.value
    }

    /// Every value of `name`, in order.
    package func values(_ name: String) -> [String] {
        let lowered = name.lowercased()
        return self.fields.filter { $0.name.lowercased() == lowered }.map(\.value)
    }

    /// The comma-separated tokens of every `name` field, lowercased and trimmed
    /// (`Connection: keep-alive, Upgrade` → `["keep-alive", "upgrade"]`).
    package func tokens(_ name: String) -> [String] {
        self.values(name).flatMap { value in
            value.split(separator: ",").map { $0.trimmingSpaces().lowercased() }.filter { !$0.isEmpty }
        }
    }

    /// Appends a field.
    package mutating func add(_ name: String, _ value: String) {
        self.fields.append((name: name, value: value))
    }

    /// Replaces every `name` field with one.
    package mutating func replace(_ name: String, _ value: String) {
        let lowered = name.lowercased()
        self.fields.removeAll { $0.name.lowercased() == lowered }
        self.fields.append((name: name, value: value))
    }

    package var count: Int { self.fields.count }

    package func makeIterator() -> some IteratorProtocol<(name: String, value: String)> {
        self.fields.makeIterator()
    }

    package static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.map(\.name) == rhs.fields.map(\.name) && lhs.fields.map(\.value) == rhs.fields.map(\.value)
    }

    package func hash(into hasher: inout Hasher) {
        for field in self.fields {
            hasher.combine(field.name)
            hasher.combine(field.value)
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (HTTP's optional whitespace).
    func trimmingSpaces() -> String {
        var start = self.startIndex
        var end = self.endIndex
        while start < end, self[start] == " " || self[start] == "\t" { start = self.index(after: start) }
        while end > start {
            let before = self.index(before: end)
            guard self[before] == " " || self[before] == "\t" else { break }
            end = before
        }
        return String(self[start..<end])
    }
}
