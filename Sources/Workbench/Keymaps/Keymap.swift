import TerminalKit

/// Key bindings per context: each context's key sequences mapped to actions through a key trie.
///
/// Built by `KeymapLoader` from `Keymaps/*.toml`; the help overlay, the command palette and the
/// status bar hints all read the same tables.
package struct Keymap: Sendable {
    /// The keymap's name (`default`, `vim`, `emacs`, or a user's).
    package var name: String
    /// Where it came from, for messages.
    package var source: String
    private var tries: [KeyContext: KeyTrie<ActionID>]
    /// Every context's bindings sorted by key, and the sequences of each action shortest first:
    /// computed once, because views ask for key hints on every frame.
    private var sortedBindings: [KeyContext: [([Key], ActionID)]] = [:]
    private var sequencesByAction: [KeyContext: [ActionID: [[Key]]]] = [:]

    package init(name: String, source: String, bindings: [KeyContext: [([Key], ActionID)]]) throws(KeymapConflict) {
        self.name = name
        self.source = source
        self.tries = [:]
        for (context, list) in bindings {
            var trie = KeyTrie<ActionID>()
            for (sequence, action) in list {
                do {
                    try trie.insert(sequence, action)
                } catch {
                    throw KeymapConflict(context: context, sequence: sequence, reason: error.description)
                }
            }
            self.tries[context] = trie
            let sorted = trie.bindings
            self.sortedBindings[context] = sorted
            var byAction: [ActionID: [[Key]]] = [:]
            for (sequence, action) in sorted { byAction[action, default: []].append(sequence) }
            self.sequencesByAction[context] = byAction.mapValues { sequences in
                sequences.sorted { $0.count < $1.count || ($0.count == $1.count && Key.notation(of: $0) < Key.notation(of: $1)) }
            }
        }
    }

    /// The contexts with at least one binding.
    package var contexts: [KeyContext] { self.tries.keys.sorted() }

    /// Looks up the keys typed so far in `contexts`, most specific first: the first context with
    /// a match wins; otherwise pending if any context is waiting for more keys.
    package func lookup(_ keys: [Key], in contexts: [KeyContext]) -> KeyTrie<ActionID>.Lookup {
        var pending = false
        for context in contexts {
            guard let trie = self.tries[context] else { continue }
            switch trie.lookup(keys) {
            case .matched(let action): return .matched(action)
            case .pending: pending = true
            case .notFound: continue
            }
        }
        return pending ? .pending : .notFound
    }

    /// Every binding of `context`, sorted by key.
    package func bindings(in context: KeyContext) -> [([Key], ActionID)] {
        self.sortedBindings[context] ?? []
    }

    /// The key sequences bound to `action` in `context` (or in any context when nil), shortest
    /// first.
    ///
    /// - Complexity: O(1) for one context.
    package func sequences(for action: ActionID, in context: KeyContext? = nil) -> [[Key]] {
        if let context { return self.sequencesByAction[context]?[action] ?? [] }
        let all = self.contexts.flatMap { self.sequencesByAction[$0]?[action] ?? [] }
        return all.sorted { $0.count < $1.count || ($0.count == $1.count && Key.notation(of: $0) < Key.notation(of: $1)) }
    }

    /// The shortest key for `action` in notation (`ctrl-p`), for hints; nil when unbound.
    package func hint(for action: ActionID, in contexts: [KeyContext]) -> String? {
        for context in contexts {
            if let first = self.sequences(for: action, in: context).first { return Key.notation(of: first) }
        }
        return nil
    }

    /// The keys that may follow `prefix` in `contexts`, for the pending-keys hint.
    package func continuations(of prefix: [Key], in contexts: [KeyContext]) -> [(Key, ActionID?)] {
        var seen = Set<Key>()
        var result: [(Key, ActionID?)] = []
        for context in contexts {
            for (key, action) in self.tries[context]?.continuations(of: prefix) ?? [] where seen.insert(key).inserted {
                result.append((key, action))
            }
        }
        return result
    }
}

/// Two bindings in one keymap context that cannot both hold.
package struct KeymapConflict: Error, Sendable, CustomStringConvertible {
    package var context: KeyContext
    package var sequence: [Key]
    package var reason: String

    package var description: String { "[\(self.context)] \(self.reason)" }
}
