import Basics
import TerminalKit

/// Reads keymap files: `name`, optional `inherits` (another keymap whose bindings this one
/// starts from), and one table per context (`[global]`, `[tree]`, `[composer]`, …) mapping a
/// key sequence to an action name: `"ctrl-x ctrl-s" = "saveNote"`. The action `"none"` removes
/// an inherited binding. A binding replaces inherited ones it conflicts with (the same keys, a
/// prefix, or an extension).
///
/// Unknown contexts, unknown actions, bad key notation and conflicts within one file are
/// errors that name the file, line and column.
package struct KeymapLoader: Sendable {
    package var locator: ResourceLocator
    /// The action names keymaps may bind.
    package var knownActions: Set<ActionID>
    /// The contexts keymaps may name.
    package var knownContexts: Set<KeyContext>

    package init(locator: ResourceLocator, knownActions: Set<ActionID>, knownContexts: Set<KeyContext>) {
        self.locator = locator
        self.knownActions = knownActions
        self.knownContexts = knownContexts
    }

    private struct Binding {
        var sequence: [Key]
        var action: ActionID
    }

    /// Loads keymap `name`.
    package func load(_ name: String) throws(ConfigurationError) -> Keymap {
        guard let file = self.locator.keymapFile(name) else {
            let available = self.locator.keymapNames.joined(separator: ", ")
            throw ConfigurationError(.invalidValue, "no keymap named \"\(name)\" (available: \(available))", file: "keymap")
        }
        let table = try TOML.load(path: file)
        let bindings = try self.bindings(of: table, file: file, depth: 0)
        return try Self.keymap(name: (try table.string("name")) ?? name, source: file, bindings: bindings, table: table)
    }

    /// Parses keymap text with no inheritance (for tests).
    package func parse(_ text: String, file: String) throws(ConfigurationError) -> Keymap {
        let table = try TOML.parse(text, file: file)
        let bindings = try self.bindings(of: table, file: file, depth: 0)
        return try Self.keymap(name: (try table.string("name")) ?? "keymap", source: file, bindings: bindings, table: table)
    }

    private static func keymap(name: String, source: String, bindings: [KeyContext: [Binding]], table: TOMLTable)
        throws(ConfigurationError) -> Keymap
    {
        do {
            return try Keymap(
                name: name, source: source,
                bindings: bindings.mapValues { list in list.map { ($0.sequence, $0.action) } })
        } catch {
            // Conflicts inside one file are found while parsing; this covers the rest.
            throw ConfigurationError(.invalidValue, error.description, file: source)
        }
    }

    private func bindings(of table: TOMLTable, file: String, depth: Int) throws(ConfigurationError) -> [KeyContext: [Binding]] {
        var result: [KeyContext: [Binding]] = [:]
        if let parent = try table.string("inherits") {
            guard depth < 8 else { throw table.error(at: "inherits", "keymaps inherit more than 8 levels deep; is there a cycle?") }
            guard let parentFile = self.locator.keymapFile(parent, excluding: file) else {
                throw table.error(at: "inherits", "no keymap named \"\(parent)\" to inherit from")
            }
            result = try self.bindings(of: try TOML.load(path: parentFile), file: parentFile, depth: depth + 1)
        }
        for (key, entry) in table.orderedEntries {
            if key == "name" || key == "inherits" || key == "description" { continue }
            guard let section = entry.value.tableValue else {
                throw table.error(at: key, "unknown keymap setting \"\(key)\" (expected name, inherits, description or a [context] table)")
            }
            let context = KeyContext(key)
            guard self.knownContexts.contains(context) else {
                let known = self.knownContexts.sorted().map(\.rawValue).joined(separator: ", ")
                throw table.error(at: key, "unknown context [\(key)] (known: \(known))")
            }
            var own: [Binding] = []
            var inherited = result[context] ?? []
            for (notation, binding) in section.orderedEntries {
                guard let actionName = binding.value.stringValue else {
                    throw section.error(at: notation, "the action for \"\(notation)\" must be a string")
                }
                let sequence: [Key]
                do {
                    sequence = try Key.sequence(notation: notation)
                } catch {
                    throw section.error(at: notation, error.description)
                }
                // A binding replaces inherited ones it would conflict with.
                inherited.removeAll { Self.conflicts($0.sequence, sequence) }
                if actionName == "none" { continue }
                let action = ActionID(actionName)
                guard self.knownActions.contains(action) else {
                    let suggestion = Self.closest(actionName, in: self.knownActions).map { " (did you mean \"\($0)\"?)" } ?? ""
                    throw section.error(at: notation, "unknown action \"\(actionName)\"\(suggestion)")
                }
                if let clash = own.first(where: { Self.conflicts($0.sequence, sequence) }) {
                    let message =
                        clash.sequence == sequence
                        ? "\"\(Key.notation(of: sequence))\" is bound twice in [\(key)]"
                        : "\"\(Key.notation(of: sequence))\" conflicts with \"\(Key.notation(of: clash.sequence))\" in [\(key)]: one is a prefix of the other"
                    throw section.error(at: notation, message)
                }
                own.append(Binding(sequence: sequence, action: action))
            }
            result[context] = inherited + own
        }
        return result
    }

    private static func conflicts(_ a: [Key], _ b: [Key]) -> Bool {
        let shorter = min(a.count, b.count)
        return Array(a.prefix(shorter)) == Array(b.prefix(shorter))
    }

    /// The known name closest to `name` by edit distance, when it is close enough to be a typo.
    static func closest(_ name: String, in names: Set<ActionID>) -> String? {
        var best: (String, Int)?
        for candidate in names {
            let distance = Self.editDistance(Array(name.lowercased()), Array(candidate.rawValue.lowercased()))
            if distance <= max(2, name.count / 4), best == nil || distance < best?.1 ?? Int.max {
                best = (candidate.rawValue, distance)
            }
        }
        return best?.0
    }

    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for (i, left) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, right) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (left == right ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
