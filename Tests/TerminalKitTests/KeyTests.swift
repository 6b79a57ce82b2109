import Testing

@testable import TerminalKit

@Suite("Keys and key sequences")
struct KeyTests {
    @Test("notation reads modifiers, names and characters")
    func notation() throws {
        #expect(try Key(notation: "ctrl-x") == .control("x"))
        #expect(try Key(notation: "C-X") == .control("x"))
        #expect(try Key(notation: "M-x") == .alt("x"))
        #expect(try Key(notation: "shift-tab") == .backTab)
        #expect(try Key(notation: "shift-g") == .character("G"))
        #expect(try Key(notation: "G") == .character("G"))
        #expect(try Key(notation: "space") == .character(" "))
        #expect(try Key(notation: "-") == .character("-"))
        #expect(try Key(notation: "ctrl-minus") == .control("-"))
        #expect(try Key(notation: "f5") == Key(.function(5)))
        #expect(try Key(notation: "alt-enter") == Key(.enter, modifiers: .alt))
        #expect(throws: KeyNotationError.self) { try Key(notation: "hyper-x") }
        #expect(throws: KeyNotationError.self) { try Key(notation: "f99") }
    }

    @Test("canonical notation reads back to the same key")
    func roundTrip() throws {
        for key in [Key.control("a"), .alt("x"), .character("G"), .enter, .backTab, Key(.pageDown), .character(" "), .control("-")] {
            #expect(try Key(notation: key.notation) == key)
        }
        #expect(try Key.notation(of: Key.sequence(notation: "ctrl-x  ctrl-s")) == "ctrl-x ctrl-s")
    }

    @Test("typed characters exclude control and alt chords")
    func typed() {
        #expect(Key.character("q").typedCharacter == "q")
        #expect(Key.control("q").typedCharacter == nil)
        #expect(Key.alt("q").typedCharacter == nil)
        #expect(Key.enter.typedCharacter == nil)
    }

    @Test("the trie matches sequences and reports pending prefixes")
    func trie() throws {
        var trie = KeyTrie<String>()
        try trie.insert(Key.sequence(notation: "g g"), "moveToTop")
        try trie.insert(Key.sequence(notation: "g e"), "moveToEnd")
        try trie.insert([.character("j")], "moveDown")
        #expect(trie.lookup([.character("g")]).isPending)
        #expect(trie.lookup([.character("g"), .character("g")]).matchedValue == "moveToTop")
        #expect(trie.lookup([.character("j")]).matchedValue == "moveDown")
        #expect(trie.lookup([.character("x")]).isNotFound)
        #expect(trie.lookup([.character("g"), .character("x")]).isNotFound)
        #expect(trie.continuations(of: [.character("g")]).map(\.0.notation) == ["e", "g"])
        #expect(trie.bindings.map { Key.notation(of: $0.0) } == ["g e", "g g", "j"])
    }

    @Test("a binding cannot be the prefix of another")
    func conflicts() throws {
        var trie = KeyTrie<String>()
        try trie.insert(Key.sequence(notation: "g g"), "top")
        #expect(throws: KeyTrie<String>.Conflict.self) { try trie.insert([.character("g")], "x") }
        #expect(throws: KeyTrie<String>.Conflict.self) { try trie.insert(Key.sequence(notation: "g g x"), "x") }
        #expect(throws: KeyTrie<String>.Conflict.self) { try trie.insert(Key.sequence(notation: "g g"), "again") }
        try trie.insert(Key.sequence(notation: "g g"), "replaced", replacing: true)
        #expect(trie.lookup(try Key.sequence(notation: "g g")).matchedValue == "replaced")
    }
}

extension KeyTrie.Lookup {
    var isPending: Bool {
        if case .pending = self { return true }
        return false
    }

    var isNotFound: Bool {
        if case .notFound = self { return true }
        return false
    }

    var matchedValue: Value? {
        if case .matched(let value) = self { return value }
        return nil
    }
}
