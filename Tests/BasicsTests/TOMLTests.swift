import Basics
import TestSupport
import Testing

@Suite("TOML-subset reader")
struct TOMLTests {
    @Test("reads strings, numbers, booleans, arrays and inline tables")
    func scalarsAndCollections() throws {
        let table = try TOML.parse(
            """
            # a comment
            name = "dark"   # trailing comment
            literal = 'C:\\path\\no escapes'
            count = 1_000
            hex = 0xff
            negative = -12
            ratio = 0.25
            exponent = 1e3
            enabled = true
            off = false
            list = [1, 2,
              3, # comments inside arrays
            ]
            style = { fg = "blue", modifiers = ["bold", "italic"] }
            """, file: "t.toml")
        #expect(table["name"] == .string("dark"))
        #expect(table["literal"] == .string("C:\\path\\no escapes"))
        #expect(table["count"] == .integer(1000))
        #expect(table["hex"] == .integer(255))
        #expect(table["negative"] == .integer(-12))
        #expect(table["ratio"] == .float(0.25))
        #expect(table["exponent"] == .float(1000))
        #expect(table["enabled"] == .boolean(true))
        #expect(table["off"] == .boolean(false))
        #expect(table["list"] == .array([.integer(1), .integer(2), .integer(3)]))
        let style = try #require(table["style"]?.tableValue)
        #expect(style["fg"] == .string("blue"))
        #expect(style["modifiers"] == .array([.string("bold"), .string("italic")]))
        #expect(table.keys == ["name", "literal", "count", "hex", "negative", "ratio", "exponent", "enabled", "off", "list", "style"])
    }

    @Test("decodes escapes, unicode escapes and multi-line strings")
    func strings() throws {
        let table = try TOML.parse(
            #"""
            escaped = "tab\there \"quoted\" \u00e9 \U0001F600"
            multi = """
            first
            second"""
            trimmed = """\
                joined \
                line"""
            raw = '''
            no \n escapes'''
            "quoted key" = 1
            'literal key' = 2
            """#, file: "s.toml")
        #expect(table["escaped"] == .string("tab\there \"quoted\" é 😀"))
        #expect(table["multi"] == .string("first\nsecond"))
        #expect(table["trimmed"] == .string("joined line"))
        #expect(table["raw"] == .string("no \\n escapes"))
        #expect(table["quoted key"] == .integer(1))
        #expect(table["literal key"] == .integer(2))
    }

    @Test("builds nested tables from headers, dotted keys and arrays of tables")
    func tables() throws {
        let table = try TOML.parse(
            """
            top = 1
            [palette]
            red = "#ff0000"
            [scopes.tree]
            selected = "red"
            [scopes]
            "diff.added" = "green"
            ui.status.fg = "white"
            [[binding]]
            key = "q"
            [[binding]]
            key = "ctrl-c"
            """, file: "n.toml")
        #expect(table["top"] == .integer(1))
        #expect(table["palette"]?.tableValue?["red"] == .string("#ff0000"))
        let scopes = try #require(table["scopes"]?.tableValue)
        #expect(scopes["tree"]?.tableValue?["selected"] == .string("red"))
        #expect(scopes["diff.added"] == .string("green"))
        #expect(scopes["ui"]?.tableValue?["status"]?.tableValue?["fg"] == .string("white"))
        let bindings = try #require(table["binding"]?.arrayValue)
        #expect(bindings.compactMap { $0.tableValue?["key"]?.stringValue } == ["q", "ctrl-c"])
    }

    @Test("remembers the line and column of every key")
    func positions() throws {
        let table = try TOML.parse("a = 1\n[t]\n  b = 2\n", file: "p.toml")
        #expect(table.entry("a")?.line == 1)
        #expect(table.entry("a")?.column == 1)
        let inner = try #require(table["t"]?.tableValue)
        #expect(inner.entry("b")?.line == 3)
        #expect(inner.entry("b")?.column == 3)
        let error = inner.error(at: "b", "no good")
        #expect(error.description == "p.toml:3:3: no good")
    }

    @Test("errors name the file, line and column")
    func syntaxErrors() {
        let cases: [(text: String, line: Int, column: Int, fragment: String)] = [
            ("a = 1\nb 2\n", 2, 3, "expected '='"),
            ("a = \"open\n", 1, 10, "unterminated string"),
            ("a = [1, 2\n", 2, 1, "unterminated array"),
            ("a = 1\na = 2\n", 2, 1, "defined twice"),
            ("[t]\n[t]\n", 2, 1, "defined twice"),
            ("x = 1979-05-27\n", 1, 5, "dates and times are not supported"),
            ("x = 007\n", 1, 5, "leading zero"),
            ("x = \"bad \\q\"\n", 1, 10, "unknown escape"),
            ("x = 1 y = 2\n", 1, 7, "expected the end of the line"),
            ("é = 1\n", 1, 1, "expected a key"),
            ("s = \"é\" x\n", 1, 9, "expected the end of the line"),
            ("t = { a = 1\n", 1, 12, "inline tables must be on one line"),
            ("a = 1\n[a]\n", 2, 1, "not a table"),
            ("v = tru\n", 1, 5, "expected a value"),
        ]
        for testCase in cases {
            #expect(throws: ConfigurationError.self, "\(testCase.text)") {
                try TOML.parse(testCase.text, file: "bad.toml")
            }
            do {
                _ = try TOML.parse(testCase.text, file: "bad.toml")
            } catch {
                #expect(error.file == "bad.toml")
                #expect(error.line == testCase.line, "\(testCase.text): \(error)")
                #expect(error.column == testCase.column, "\(testCase.text): \(error)")
                #expect(error.message.contains(testCase.fragment), "\(testCase.text): \(error)")
            }
        }
    }

    @Test("a missing file and invalid UTF-8 are reported with the path")
    func fileErrors() throws {
        let directory = try TemporaryDirectory("toml")
        do {
            _ = try TOML.load(path: directory.appending("missing.toml"))
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .unreadable)
            #expect(error.description.contains("missing.toml"))
        }
        let path = try directory.write("latin1.toml", bytes: Array("a = 1\nb = \"caf".utf8) + [0xE9, 0x22, 0x0A])
        do {
            _ = try TOML.load(path: path)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .unreadable)
            #expect(error.line == 2)
            #expect(error.column == 9)
        }
        let good = try directory.write("good.toml", "[a]\nb = 'c'\n")
        #expect(try TOML.load(path: good)["a"]?.tableValue?["b"] == .string("c"))
    }

    @Test("typed accessors reject the wrong type with the key's position")
    func typedAccessors() throws {
        let table = try TOML.parse("name = 3\nflag = true\n", file: "typed.toml")
        #expect(try table.boolean("flag") == true)
        #expect(try table.string("absent") == nil)
        do {
            _ = try table.string("name")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "typed.toml:1:1: expected a string for \"name\", found an integer")
        }
    }
}
