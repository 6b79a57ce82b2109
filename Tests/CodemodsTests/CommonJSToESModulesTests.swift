import CodeIndex
import Codemods
import Testing

@Suite("CommonJSToESModules")
struct CommonJSToESModulesTests {
    let codemod = CommonJSToESModules()

    @Test("a single exported value becomes export =, and its importers use a default import")
    func singleValue() throws {
        try assertCodemod(
            self.codemod,
            input: [
                "a.ts": "class A {}\nmodule.exports = A\n",
                "b.ts": "const A = require('./a')\nconst fs = require('fs');\nmodule.exports = function b() { return new A() }\n",
            ],
            expected: [
                "a.ts": "class A {}\nexport = A\n",
                "b.ts": "import A from './a'\nimport fs from 'fs';\nexport = function b() { return new A() }\n",
            ])
    }

    @Test("named exports from exports.x and from an object literal; importers use namespace and named imports")
    func namedExports() throws {
        try assertCodemod(
            self.codemod,
            input: [
                "util.ts": "function isNothing(x) { return x == null }\nexports.isNothing = isNothing;\nexports.repeat = (s, n) => s.repeat(n);\n",
                "api.ts": "const helper = require('./helper')\nmodule.exports = { helper, twice: helper.twice, version: '1.0' }\n",
                "helper.ts": "exports.twice = (x) => x * 2\n",
                "use.ts": "const util = require('./util');\nconst { repeat } = require('./util');\nconst twice = require('./helper').twice;\nrequire('./api');\n",
            ],
            expected: [
                "util.ts": "function isNothing(x) { return x == null }\nexport { isNothing };\nexport const repeat = (s, n) => s.repeat(n);\n",
                "api.ts": "import * as helper from './helper'\nexport const twice = helper.twice\nexport const version = '1.0'\nexport { helper }\n",
                "helper.ts": "export const twice = (x) => x * 2\n",
                "use.ts": "import * as util from './util';\nimport { repeat } from './util';\nimport { twice } from './helper';\nimport './api';\n",
            ])
    }

    @Test("requires inside expressions are hoisted to generated imports")
    func hoisted() throws {
        try assertCodemod(
            self.codemod,
            input: [
                "index.ts": "module.exports.Type = require('./type');\nmodule.exports.types = {\n  null: require('./null')\n};\n",
                "type.ts": "module.exports = function Type() {};\n",
                "null.ts": "module.exports = 'null';\n",
            ],
            expected: [
                "index.ts": "import typeModule from './type';\nexport { typeModule as Type };\nimport nullModule from './null';\nexport const types = {\n  null: nullModule\n};\n",
                "type.ts": "export = function Type() {};\n",
                "null.ts": "export = 'null';\n",
            ])
    }

    @Test("lazy, conditional and computed requires stay, each with its reason")
    func unsafeRequires() throws {
        try assertCodemod(
            self.codemod,
            input: [
                "main.ts": """
                    const a = require('./a')
                    function later() {
                    1️⃣  return require('./b')
                    }
                    4️⃣const data = require('./data.json')
                    2️⃣if (process.env.X) require('./c')
                    3️⃣const d = require(name)
                    module.exports = { later }
                    """,
                "a.ts": "module.exports = 1\n", "b.ts": "module.exports = 2\n", "c.ts": "module.exports = 3\n",
            ],
            expected: [
                "main.ts": """
                    import a from './a'
                    function later() {
                      return require('./b')
                    }
                    const data = require('./data.json')
                    if (process.env.X) require('./c')
                    const d = require(name)
                    export { later }
                    """,
                "a.ts": "export = 1\n", "b.ts": "export = 2\n", "c.ts": "export = 3\n",
            ],
            findings: [
                FindingSpec("1️⃣", in: "main.ts", "inside a function"),
                FindingSpec("2️⃣", in: "main.ts", "conditional"),
                FindingSpec("3️⃣", in: "main.ts", "computed specifier"),
                FindingSpec("4️⃣", in: "main.ts", "cannot resolve"),
            ])
    }

    @Test("files that reassign exports, export twice, or sit in a cycle stay CommonJS, and so do requires of them")
    func unsafeFiles() throws {
        let result = try assertCodemod(
            self.codemod,
            input: [
                "re.ts": "exports = module.exports = {}\nexports.re = []\n",
                "x.ts": "const y = require('./y')\nmodule.exports = 1\n",
                "y.ts": "module.exports = 2\nconst x = require('./x')\n",
                "both.ts": "module.exports = f\nmodule.exports.g = 1\nfunction f() {}\n",
                "user.ts": "1️⃣const re = require('./re')\n2️⃣const x = require('./x')\nexports.z = re\n",
            ],
            expected: ["user.ts": "const re = require('./re')\nconst x = require('./x')\nexport { re as z }\n"],
            findings: [
                FindingSpec("1️⃣", in: "user.ts", "stays CommonJS"),
                FindingSpec("2️⃣", in: "user.ts", "import cycle"),
            ])
        let messages = result.findings.map(\.description)
        #expect(messages.contains { $0.hasPrefix("re.ts") && $0.contains("reassigns `exports`") })
        #expect(messages.contains { $0.hasPrefix("both.ts") && $0.contains("both module.exports and exports.name") })
        #expect(messages.contains { $0.hasPrefix("x.ts") && $0.contains("import cycle") })
    }

    @Test("requires after top-level code with effects stay, since imports would run before that code")
    func effectsBeforeRequire() throws {
        try assertCodemod(
            self.codemod,
            input: [
                "main.ts": "'use strict'\nconst early = require('./dep')\nprocess.env.MODE = 'test'\n1️⃣const late = require('./dep')\nexports.both = [early, late]\n",
                "dep.ts": "module.exports = process.env.MODE\n",
            ],
            expected: [
                "main.ts": "'use strict'\nimport early from './dep'\nprocess.env.MODE = 'test'\nconst late = require('./dep')\nexport const both = [early, late]\n",
                "dep.ts": "export = process.env.MODE\n",
            ],
            findings: [FindingSpec("1️⃣", in: "main.ts", "after top-level code with effects (line 3)")])
    }

    @Test("a binding that is reassigned later keeps a variable fed by a generated import")
    func reassignedBinding() throws {
        try assertCodemod(
            self.codemod,
            input: ["a.ts": "var dep = require('./dep');\ndep = wrap(dep);\n", "dep.ts": "module.exports = {};\n"],
            expected: ["a.ts": "import depModule from './dep';\nvar dep = depModule;\ndep = wrap(dep);\n", "dep.ts": "export = {};\n"])
    }
}
