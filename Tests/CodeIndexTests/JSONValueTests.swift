import Basics
import CodeIndex
import Testing

@Suite("package.json and tsconfig.json values")
struct JSONValueTests {
    @Test("tsconfig.json with comments and trailing commas parses, edits and prints in key order")
    func editAndPrint() throws {
        var config = try JSONValue.parse(
            """
            {
              // compiler settings
              "compilerOptions": { "strict": false, "target": "es2019", /* old */ },
              "include": ["src",],
            }
            """)
        var options = try #require(config["compilerOptions"])
        options.set("strict", .bool(true))
        options.set("outDir", .string("dist"))
        options.remove("target")
        config.set("compilerOptions", options)
        #expect(
            config.formatted() == """
                {
                  "compilerOptions": {
                    "strict": true,
                    "outDir": "dist"
                  },
                  "include": [
                    "src"
                  ]
                }
                """)
        #expect(try JSONValue.parse(config.formatted()) == config)
        #expect(JSONValue.quote("a\"\\\n\u{1}é") == #""a\"\\\n\u0001é""#)
    }

    @Test("a syntax error says the line and column")
    func syntaxError() {
        #expect(throws: JSONSyntaxError(message: "expected ',' or '}' in an object", line: 2, column: 10)) {
            try JSONValue.parse("{\n  \"a\": 1 \"b\": 2}")
        }
    }
}
