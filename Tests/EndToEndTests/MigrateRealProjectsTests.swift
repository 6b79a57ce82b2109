import Basics
import TestSupport
import Testing

/// A real CommonJS library from Debian's node-* packages, and a script that calls its exported
/// API and prints the results as JSON, so the original and the migrated, compiled code can be
/// compared.
private struct RealProject: Sendable, CustomStringConvertible {
    /// The Debian package (listed in the Makefile's TEST_NODE_PROJECTS).
    var package: String
    /// Where the package installs the library.
    var installedPath: String
    /// JavaScript run as `node check.js LIBRARY_DIR`.
    var checkScript: String

    var description: String { self.package }
}

private let projects = [
    RealProject(
        package: "node-semver", installedPath: "/usr/share/nodejs/semver",
        checkScript: """
            const s = require(process.argv[2]);
            const out = { keys: Object.keys(s).sort() };
            out.valid = ['1.2.3', 'a.b.c', '1.2', ' =v1.2.3 ', '1.2.3-beta.1+build'].map(v => s.valid(v));
            out.clean = s.clean('  =v1.2.3   ');
            out.satisfies = ['1.2.3', '2.6.0', '4.0.0'].map(v => s.satisfies(v, '1.x || >=2.5.0 <3.0.0 || 5.0.0 - 7.2.3'));
            out.compare = [s.gt('1.2.3', '9.8.7'), s.lt('1.2.3', '9.8.7'), s.compare('1.0.0', '1.0.0'), s.rcompare('1.0.0', '2.0.0')];
            out.minVersion = s.minVersion('>=1.0.0 <2').version;
            out.coerce = [s.coerce('v2').version, s.coerce('42.6.7.9.3-alpha').version];
            out.inc = [s.inc('1.2.3', 'prerelease', 'beta'), s.inc('1.2.3', 'major'), s.inc('1.2.3-rc.1', 'patch')];
            out.sort = s.sort(['1.2.3', '0.1.0', '10.0.0', '1.2.3-alpha']);
            out.maxSatisfying = s.maxSatisfying(['1.2.3', '1.2.4', '1.3.0'], '~1.2.0');
            out.range = new s.Range('>=1.2.3 <2.0.0 || 3.x').range;
            out.diff = [s.diff('1.2.3', '1.3.0'), s.diff('1.2.3', '2.0.0-pre')];
            out.subset = [s.subset('^1.2.3', '>=1.0.0'), s.subset('>=1', '^1')];
            out.intersects = s.intersects('^1.2.0', '~1.3.0');
            out.simplify = s.simplifyRange(['1.1.0', '1.2.0', '1.3.0'], '>=1.1.0 <1.3.0');
            try { new s.SemVer('bogus') } catch (e) { out.error = e.constructor.name + ': ' + e.message }
            out.comparator = new s.Comparator('>=1.2.3').test('1.3.0');
            out.toComparators = s.toComparators('1.x || >=2.5.0');
            out.outside = [s.gtr('2.0.0', '1.x'), s.ltr('0.5.0', '1.x')];
            console.log(JSON.stringify(out));
            """),
    RealProject(
        package: "node-js-yaml", installedPath: "/usr/share/nodejs/js-yaml",
        checkScript: """
            const y = require(process.argv[2]);
            const out = { keys: Object.keys(y).sort() };
            const doc = 'a: 1\\nb: [x, y, {z: true}]\\nc: !!binary aGVsbG8=\\nd: 2001-12-14t21:59:43.10-05:00\\n' +
              'e: ~\\nf: 0x1F\\ng: .inf\\nh: |\\n  multi\\n  line\\nanchors: &a {k: v}\\nref: *a\\nset: !!set {p, q}\\n' +
              'pairs: !!pairs [{x: 1}, {y: 2}]\\nomap: !!omap [{m: 1}]\\nmerge:\\n  <<: *a\\n  own: 1\\n';
            out.loaded = JSON.stringify(y.load(doc));
            out.dump = y.dump({ a: [1, 'two', null, true], b: { c: 'multi\\nline', d: 1.5, e: -0.0 }, f: new Date(0), g: 'yes' });
            out.dumpSorted = y.dump({ z: 1, a: { y: 2, b: 3 } }, { sortKeys: true, flowLevel: 1 });
            out.all = y.loadAll('---\\na: 1\\n---\\nb: 2\\n');
            for (const bad of ['a: [1, 2', 'a: b: c', '- !!int x']) {
              try { y.load(bad); out[bad] = 'loaded' } catch (e) { out[bad] = e.name + ': ' + e.message.split('\\n')[0] }
            }
            out.types = Object.keys(y.types).sort();
            const Point = new y.Type('!point', { kind: 'sequence', construct: d => ({ x: d[0], y: d[1] }) });
            out.custom = y.load('p: !point [1, 2]', { schema: y.DEFAULT_SCHEMA.extend([Point]) });
            out.removed = (() => { try { y.safeLoad('a') } catch (e) { return e.message } })();
            console.log(JSON.stringify(out));
            """),
]

/// Every regular file under `root` with its bytes.
private func tree(_ root: String) throws -> [String: [UInt8]] {
    let listing = try Subprocess.run("/usr/bin/find", [".", "-type", "f"], directory: root)
    var files: [String: [UInt8]] = [:]
    for line in listing.output.split(separator: "\n") { files[String(line)] = try TestFiles.read(root + "/" + line) }
    return files
}

/// The number after `label ` in the last `after:` line of `output`
/// (`after: js 0 · ts 47 · lines 2191 · tsc errors 0 · any 84 · @ts-expect-error 1 · @ts-ignore 0`).
private func afterMetric(_ output: String, _ label: String) -> Int? {
    guard let line = output.split(separator: "\n").last(where: { $0.contains("after: ") }) else { return nil }
    let metrics = line.split(separator: ":", maxSplits: 1).last ?? ""
    for part in metrics.split(separator: "·") {
        let trimmed = part.trimmingPrefix(" ")
        if trimmed.hasPrefix(label + " ") { return Int(trimmed.dropFirst(label.count + 1).split(separator: " ").first ?? "") }
    }
    return nil
}

@Suite("seam migrate js-to-ts on real CommonJS projects", .dedicatedThreads)
struct MigrateRealProjectsTests {
    @Test("every step applies and undoes cleanly, --all is then idempotent, tsc passes, and the compiled API behaves the same", arguments: projects)
    fileprivate func migrate(_ project: RealProject) throws {
        guard FileSystem.isDirectory(project.installedPath) else {
            Issue.record("\(project.installedPath) is missing: install \(project.package) (make test-deps)")
            return
        }
        guard let tsc = Subprocess.locate("tsc"), let node = Subprocess.locate("node") else {
            Issue.record("tsc or node not found: install node-typescript and nodejs (make test-deps)")
            return
        }
        let work = try TemporaryDirectory("migrate-e2e")
        let root = work.appending("project")
        _ = try Subprocess.run("/bin/cp", ["-r", project.installedPath, root])
        var environment = ProcessEnvironment.current
        environment["XDG_DATA_HOME"] = work.appending("data")
        environment["NODE_PATH"] = "/usr/share/nodejs"
        let seam = RepositoryLayout.product("seam")
        func migrate(_ arguments: [String]) throws -> String {
            let result = try Subprocess.run(seam, ["migrate", "js-to-ts", root] + arguments, environment: environment)
            #expect(result.status == 0, "seam migrate \(arguments) failed: \(result.errorOutput)")
            return result.output
        }
        let original = try tree(root)
        let sources = original.keys.filter { $0.hasSuffix(".js") && !$0.hasPrefix("./dist/") }
        let lines = sources.reduce(0) { $0 + (original[$1] ?? []).filter { $0 == 0x0A }.count }
        var report = "\(project.package): \(sources.count) files, \(lines) lines"
        let clock = ContinuousClock()
        let started = clock.now
        // Apply each step as its own checkpoint, remembering the tree before it.
        var treesBefore: [(step: String, tree: [String: [UInt8]])] = []
        for step in ["tsconfig", "rename", "esm", "types", "fix-errors"] {
            let before = try tree(root)
            let output = try migrate(["--step", step, "--headless"])
            report += "; \(step): tsc errors \(afterMetric(output, "tsc errors").map(String.init) ?? "?")"
            if output.contains("applied as checkpoint") {
                #expect(try tree(root) != before)
                treesBefore.append((step, before))
            } else {
                #expect(try tree(root) == before, "\(step) applied nothing but changed files")
            }
        }
        let elapsed = clock.now - started
        let migrated = try tree(root)
        let again = try migrate(["--all", "--headless"])
        #expect(!again.contains("applied as checkpoint"), "a second --all changed files:\n\(again)")
        #expect(try tree(root) == migrated)
        #expect(afterMetric(again, "tsc errors") == 0)
        report += "; any \(afterMetric(again, "any").map(String.init) ?? "?"), @ts-expect-error \(afterMetric(again, "@ts-expect-error").map(String.init) ?? "?")"
        report += "; the five steps took \(elapsed)"

        // One compile both type-checks and emits: tsc reports every type error and exits
        // non-zero when it emits despite errors, so a silent status 0 means none.
        let outDir = work.appending("compiled")
        let emit = try Subprocess.run(tsc, ["-p", "tsconfig.json", "--noEmit", "false", "--outDir", outDir, "--pretty", "false"], directory: root)
        #expect(emit.status == 0 && emit.output.isEmpty && emit.errorOutput.isEmpty, "tsc reported:\n\(emit.output)\(emit.errorOutput)")
        _ = try Subprocess.run("/bin/cp", [root + "/package.json", outDir + "/package.json"])
        let script = try work.write("check.js", project.checkScript)
        let before = try Subprocess.run(node, [script, project.installedPath], environment: environment)
        let afterRun = try Subprocess.run(node, [script, outDir], environment: environment)
        #expect(before.status == 0, "the original failed the check: \(before.errorOutput)")
        #expect(afterRun.status == 0, "the migrated code failed the check: \(afterRun.errorOutput)")
        #expect(before.output.count > 200)
        #expect(afterRun.output == before.output, "behaviour differs:\nbefore \(before.output)\nafter  \(afterRun.output)")

        // Undo the steps one by one: each undo gives back the exact tree from before its step.
        for (step, before) in treesBefore.reversed() {
            #expect(try migrate(["--undo"]).contains("undid: migrate js-to-ts: \(step)"))
            #expect(try tree(root) == before, "undo of \(step) did not restore the tree byte for byte")
        }
        #expect(try tree(root) == original)
        print(report)
    }
}
