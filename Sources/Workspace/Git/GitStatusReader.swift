import Basics

/// Runs `git status --porcelain=v2 -z` and turns its records into a `GitStatusSnapshot`.
///
/// Blocking (it waits for `git`): call it from a background task, never on the UI loop.
package enum GitStatusReader {
    /// How untracked files are reported.
    package enum UntrackedFiles: Sendable {
        /// Wholly untracked directories come as one entry (`dir/`): fast on large new trees.
        case collapsed
        /// Every untracked file separately.
        case all
    }

    /// Reads the status of `workspace`'s repository, restricted to the workspace.
    ///
    /// Never throws: outside git the snapshot is `.empty`; when `git` is missing or fails the
    /// snapshot has no markers and says why in `problem`.
    package static func read(_ workspace: Workspace, untracked: UntrackedFiles = .collapsed) -> GitStatusSnapshot {
        guard let repository = workspace.repository else { return .empty }
        var arguments = [
            "--no-optional-locks", "-c", "core.quotepath=off", "status", "--porcelain=v2", "-z", "--branch",
            untracked == .all ? "--untracked-files=all" : "--untracked-files=normal",
        ]
        let prefix = workspace.repositoryPrefix
        if !prefix.isEmpty { arguments += ["--", ":(top,literal)" + prefix] }
        let result: Subprocess.Result
        do {
            result = try Subprocess.run(
                workspace.options.gitExecutable,
                arguments,
                directory: repository.topLevel,
                environment: workspace.options.gitEnvironment
            )
        } catch {
            return GitStatusSnapshot(isRepository: false, problem: "git status did not run: \(error)")
        }
        guard result.succeeded else {
            let message = result.errorOutput.split(separator: "\n").first.map(String.init) ?? "exit status \(result.status)"
            return GitStatusSnapshot(isRepository: false, problem: "git status failed: \(message)")
        }
        return self.parse(result.standardOutput, prefix: prefix)
    }

    /// Parses porcelain v2 `-z` output; paths are relative to the repository top and are made
    /// relative to `prefix` (the workspace root inside the repository), dropping the rest.
    package static func parse(_ output: [UInt8], prefix: String) -> GitStatusSnapshot {
        var records = output.split(separator: 0, omittingEmptySubsequences: false).makeIterator()
        var files: [GitFileStatus] = []
        var untrackedDirectories: [String] = []
        var branch = GitStatusSnapshot.Branch(head: nil, commit: nil, upstream: nil, ahead: 0, behind: 0)
        func local(_ repositoryPath: Substring) -> String? {
            let path = String(repositoryPath)
            if prefix.isEmpty { return path }
            if path == prefix { return "" }
            guard path.hasPrefix(prefix + "/") else { return nil }
            return String(path.dropFirst(prefix.utf8.count + 1))
        }
        while let record = records.next() {
            guard let first = record.first else { continue }
            let text = String(decoding: record, as: UTF8.self)
            switch first {
            case UInt8(ascii: "#"):
                let fields = text.split(separator: " ", maxSplits: 2)
                guard fields.count == 3 else { continue }
                switch fields[1] {
                case "branch.oid": branch.commit = fields[2] == "(initial)" ? nil : String(fields[2])
                case "branch.head": branch.head = fields[2] == "(detached)" ? nil : String(fields[2])
                case "branch.upstream": branch.upstream = String(fields[2])
                case "branch.ab":
                    for part in fields[2].split(separator: " ") {
                        if part.hasPrefix("+") { branch.ahead = Int(part.dropFirst()) ?? 0 }
                        if part.hasPrefix("-") { branch.behind = Int(part.dropFirst()) ?? 0 }
                    }
                default: break
                }
            case UInt8(ascii: "1"), UInt8(ascii: "2"):
                // 1 XY sub mH mI mW hH hI path  |  2 XY sub mH mI mW hH hI Xscore path NUL origPath
                let fieldCount = first == UInt8(ascii: "1") ? 9 : 10
                let fields = text.split(separator: " ", maxSplits: fieldCount - 1, omittingEmptySubsequences: false)
                let original = first == UInt8(ascii: "2") ? records.next().map { String(decoding: $0, as: UTF8.self) } : nil
                guard fields.count == fieldCount, fields[1].count == 2, let path = local(fields[fieldCount - 1]) else { continue }
                let xy = Array(fields[1])
                files.append(
                    GitFileStatus(
                        path: path,
                        originalPath: original.flatMap { local(Substring($0)) },
                        staged: xy[0],
                        unstaged: xy[1],
                        marker: GitFileStatus.marker(staged: xy[0], unstaged: xy[1]),
                        isSubmodule: fields[2].hasPrefix("S")
                    )
                )
            case UInt8(ascii: "u"):
                // u XY sub m1 m2 m3 mW h1 h2 h3 path
                let fields = text.split(separator: " ", maxSplits: 10, omittingEmptySubsequences: false)
                guard fields.count == 11, fields[1].count == 2, let path = local(fields[10]) else { continue }
                let xy = Array(fields[1])
                files.append(GitFileStatus(path: path, staged: xy[0], unstaged: xy[1], marker: .conflicted))
            case UInt8(ascii: "?"):
                var raw = text.dropFirst(2)
                let isDirectory = raw.hasSuffix("/")
                if isDirectory { raw = raw.dropLast() }
                guard !raw.isEmpty, let path = local(raw) else { continue }
                if isDirectory {
                    untrackedDirectories.append(path)
                } else {
                    files.append(GitFileStatus(path: path, staged: "?", unstaged: "?", marker: .untracked))
                }
            default:
                continue
            }
        }
        return GitStatusSnapshot(isRepository: true, branch: branch, files: files, untrackedDirectories: untrackedDirectories)
    }
}
