import CodeIndex
import Testing

@Suite("JSDoc")
struct JSDocTests {
    @Test("param, returns, type and typedef tags are read with nested braces and optional names")
    func tags() throws {
        let comment = try #require(
            JSDocComment(
                """
                /**
                 * Does things.
                 * @param {string} name the name
                 * @param {{a: number, b: string}} [options={}] settings
                 * @param {...number} rest
                 * @returns {Promise.<boolean>} done
                 */
                """))
        #expect(comment.parameters.map(\.name) == ["name", "options", "rest"])
        #expect(comment.parameters[1].type == "{a: number, b: string}")
        #expect(comment.parameters[1].optionalByBrackets)
        #expect(comment.returns == "Promise.<boolean>")
        let typedef = try #require(JSDocComment("/** @typedef {Object} Point\n * @property {number} x\n * @property {number} [y] */"))
        #expect(typedef.typedef?.name == "Point")
        #expect(typedef.properties.map(\.name) == ["x", "y"])
        #expect(typedef.properties[1].optional)
        #expect(JSDocComment("/* plain */") == nil)
    }

    @Test("JSDoc type expressions become TypeScript types")
    func types() {
        let cases: [(String, String)] = [
            ("string", "string"), ("String", "string"), ("*", "any"), ("?", "any"),
            ("?number", "number | null"), ("!Object", "Record<string, any>"),
            ("Array.<string>", "string[]"), ("Array<number|string>", "(number | string)[]"), ("Array", "any[]"),
            ("Object.<string, number>", "Record<string, number>"), ("(string|number)", "string | number"),
            ("Promise.<boolean>", "Promise<boolean>"), ("function(string, number): boolean", "((arg0: string, arg1: number) => boolean)"),
            ("function()", "(() => any)"), ("{a: number, b}", "{ a: number; b: any }"), ("\"x\"|\"y\"", "\"x\" | \"y\""),
            ("Unknown", "any"), ("Known", "Known"), ("string[]", "string[]"), ("Date", "Date"),
        ]
        for (input, expected) in cases {
            #expect(JSDocType(input, knownNames: ["Known"])?.text == expected, "\(input)")
        }
        #expect(JSDocType("number=")?.optional == true)
        #expect(JSDocType("...string")?.rest == true)
        #expect(JSDocType("...string")?.text == "string[]")
        #expect(JSDocType("{a: ") == nil)
    }
}
