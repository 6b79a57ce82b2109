import CodeIndex
import Codemods
import Testing

@Suite("InferTypes")
struct InferTypesTests {
    @Test("JSDoc params, optional params, rest params and returns become annotations")
    func jsDocFunctions() throws {
        try assertCodemod(
            InferTypes(),
            input: [
                "a.ts": """
                    /**
                     * @param {string} name
                     * @param {number=} count
                     * @returns {Array.<string>}
                     */
                    function repeat(name, count) { return [] }
                    /** @param {...number} values @return {number} */
                    const sum = (...values) => values.reduce((a, b) => a + b, 0)
                    class K {
                      /** @param {K} other */
                      equals(other) { return this === other }
                    }
                    /** @param {Object} options @param {Thing} thing */
                    exports.make = function (options, thing) {}
                    /** @param {string} [a] @param {number} b */
                    function mixed(a, b) {}
                    /** @returns {boolean} */
                    async function later() { return true }
                    """
            ],
            expected: [
                "a.ts": """
                    /**
                     * @param {string} name
                     * @param {number=} count
                     * @returns {Array.<string>}
                     */
                    function repeat(name: string, count?: number): string[] { return [] }
                    /** @param {...number} values @return {number} */
                    const sum = (...values: number[]): number => values.reduce((a, b) => a + b, 0)
                    class K {
                      /** @param {K} other */
                      equals(other: K) { return this === other }
                    }
                    /** @param {Object} options @param {Thing} thing */
                    exports.make = function (options: Record<string, any>, thing: any) {}
                    /** @param {string} [a] @param {number} b */
                    function mixed(a: string, b: number) {}
                    /** @returns {boolean} */
                    async function later(): Promise<boolean> { return true }
                    """
            ])
    }

    @Test("@type and @typedef become a variable annotation and a type alias")
    func typeAndTypedef() throws {
        try assertCodemod(
            InferTypes(),
            input: [
                "b.ts": "/** @typedef {Object} Point\n * @property {number} x\n * @property {number} [y] */\n/** @type {Point} */\nlet origin = { x: 0 }\n"
            ],
            expected: [
                "b.ts": "/** @typedef {Object} Point\n * @property {number} x\n * @property {number} [y] */\ntype Point = { x: number; y?: number };\n/** @type {Point} */\nlet origin: Point = { x: 0 }\n"
            ])
    }

    @Test("literal defaults, literal returns and objects filled in later get types from usage")
    func obviousUsage() throws {
        try assertCodemod(
            InferTypes(),
            input: [
                "c.ts": "function f(n = 0, s = 'x', o = {}) {\n  if (n) return true\n  return false\n}\nconst bag = {}\nbag.key = 1\nconst plain = {}\n",
                "d.js": "function g(n = 0) {}\n",
            ],
            expected: [
                "c.ts": "function f(n: number = 0, s: string = 'x', o = {}): boolean {\n  if (n) return true\n  return false\n}\nconst bag: Record<string, any> = {}\nbag.key = 1\nconst plain = {}\n"
            ])
    }
}
