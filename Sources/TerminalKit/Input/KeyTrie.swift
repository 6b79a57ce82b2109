/// Key sequences mapped to values, for multi-key bindings (`g g`, `ctrl-x ctrl-s`).
///
/// A sequence may not be both bound and the prefix of another binding: `insert` reports the
/// conflict, so a lookup is never ambiguous and never needs a timeout.
package struct KeyTrie<Value: Sendable>: Sendable {
    private struct Node: Sendable {
        var value: Value?
        var children: [Key: Node] = [:]
    }

    /// The outcome of looking up the keys typed so far.
    package enum Lookup: Sendable {
        /// The keys name a binding.
        case matched(Value)
        /// The keys are the start of at least one binding: wait for more.
        case pending
        /// No binding starts with these keys.
        case notFound
    }

    /// A binding that cannot coexist with one already present.
    package struct Conflict: Error, Sendable, CustomStringConvertible {
        package var sequence: [Key]
        package var existing: [Key]

        package var description: String {
            let new = Key.notation(of: self.sequence)
            let old = Key.notation(of: self.existing)
            if self.sequence == self.existing { return "\"\(new)\" is bound twice" }
            if self.sequence.count < self.existing.count { return "\"\(new)\" is a prefix of the binding \"\(old)\"" }
            return "\"\(old)\" is already bound and is a prefix of \"\(new)\""
        }
    }

    private var root = Node()

    package init() {}

    /// True when nothing is bound.
    package var isEmpty: Bool { self.root.children.isEmpty }

    /// Binds `sequence` to `value`; throws when the sequence is already bound, extends a bound
    /// sequence, or is a prefix of one.
    package mutating func insert(_ sequence: [Key], _ value: Value, replacing: Bool = false) throws(Conflict) {
        guard !sequence.isEmpty else { return }
        try Self.insert(&self.root, sequence[...], value, replacing: replacing, path: [])
    }

    private static func insert(_ node: inout Node, _ keys: ArraySlice<Key>, _ value: Value, replacing: Bool, path: [Key])
        throws(Conflict)
    {
        guard let key = keys.first else {
            if node.value != nil && !replacing { throw Conflict(sequence: path, existing: path) }
            if !node.children.isEmpty {
                throw Conflict(sequence: path, existing: path + Self.anySequence(in: node))
            }
            node.value = value
            return
        }
        if node.value != nil {
            throw Conflict(sequence: path + keys, existing: path)
        }
        var child = node.children[key] ?? Node()
        try Self.insert(&child, keys.dropFirst(), value, replacing: replacing, path: path + [key])
        node.children[key] = child
    }

    private static func anySequence(in node: Node) -> [Key] {
        guard let (key, child) = node.children.min(by: { $0.key.notation < $1.key.notation }) else { return [] }
        return [key] + Self.anySequence(in: child)
    }

    /// Looks up the keys typed so far.
    ///
    /// - Complexity: O(keys.count).
    package func lookup(_ keys: [Key]) -> Lookup {
        var node = self.root
        for key in keys {
            guard let child = node.children[key] else { return .notFound }
            node = child
        }
        if let value = node.value { return .matched(value) }
        return node.children.isEmpty ? .notFound : .pending
    }

    /// The keys that may follow `prefix`, with the value each completes (nil when it only leads on),
    /// for a "pending keys" hint.
    package func continuations(of prefix: [Key]) -> [(Key, Value?)] {
        var node = self.root
        for key in prefix {
            guard let child = node.children[key] else { return [] }
            node = child
        }
        return node.children.map { ($0.key, $0.value.value) }.sorted { $0.0.notation < $1.0.notation }
    }

    /// Every binding as (sequence, value), sorted by notation.
    package var bindings: [([Key], Value)] {
        var result: [([Key], Value)] = []
        Self.collect(self.root, [], &result)
        return result.sorted { Key.notation(of: $0.0) < Key.notation(of: $1.0) }
    }

    private static func collect(_ node: Node, _ path: [Key], _ result: inout [([Key], Value)]) {
        if let value = node.value { result.append((path, value)) }
        for (key, child) in node.children { Self.collect(child, path + [key], &result) }
    }
}
