package main

// The `_id` index FerretDB 1.24's SQLite backend needs but does not create.
//
// FerretDB 1.24.2 finds, updates and deletes documents by `_id` with
// `WHERE _ferretdb_sjson->'$._id' = ?` (internal/backends/sqlite/collection.go, metadata.IDColumn),
// but the unique index it creates for `_id` is on `_ferretdb_sjson->"_id"`
// (metadata/registry.go, indexesCreate): a different expression to SQLite's planner, so every one of
// those statements reads the whole table. An extra plain index on exactly the expression FerretDB
// compares turns them into `SEARCH … USING INDEX`. The uniqueness of `_id` stays with FerretDB's own
// index; ours only serves lookups.
//
// Where the tables are (metadata/registry.go and metadata/pool/pool.go of v1.24.2): each database is
// a file `<db>.sqlite` in the data directory, and each collection a table listed in that file's
// `_ferretdb_collections` table (columns name, table_name, settings). FerretDB creates a collection
// (table, then its metadata row, then its own indexes) whenever a client first writes to it, so the
// indexer looks at every file at start and then watches: every `interval` it asks each file for
// collection tables that lack our index, a query on a table of a few dozen rows (every second by
// default: until then a new collection is only slower, never wrong).
//
// Safety while FerretDB writes: the indexer uses its own short-lived connection per file and pass
// (opened with mode=rw so it never creates a file FerretDB has just dropped, busy_timeout so it
// waits for FerretDB's writer instead of failing), CREATE INDEX IF NOT EXISTS (idempotent, also
// across restarts and concurrent indexers), and errors are logged and retried on the next pass.
// Stock FerretDB 1.24.2 ignores indexes it does not know about (it lists indexes from its metadata,
// never from sqlite_master), so the files stay readable by it; DROP TABLE removes ours with the table.

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the same SQLite driver FerretDB uses (database/sql name "sqlite")
)

// idIndexSuffix names our index `<table>_wbbsi_id`. FerretDB names its own indexes
// `<table>_<index name>`, so only a client index literally named "wbbsi_id" could collide.
const idIndexSuffix = "_wbbsi_id"

// idExpression is metadata.IDColumn of FerretDB v1.24.2, byte for byte: SQLite's planner matches
// an expression index only against the same expression.
const idExpression = `_ferretdb_sjson->'$._id'`

// metadataTable is metadata.metadataTableName of FerretDB v1.24.2.
const metadataTable = "_ferretdb_collections"

type idIndexer struct {
	dir      string
	interval time.Duration
	logger   *slog.Logger
	// created counts indexes this indexer created (for the log and tests).
	created int
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// idIndexSQL is the statement that creates our index on one collection table.
func idIndexSQL(table string) string {
	return fmt.Sprintf("CREATE INDEX IF NOT EXISTS %s ON %s (%s)", quoteIdent(table+idIndexSuffix), quoteIdent(table), idExpression)
}

// fileDSN opens an existing database file only (mode=rw: never create), waiting up to 10 s for
// FerretDB's writer (the same busy timeout FerretDB sets on its own connections).
func fileDSN(path string) string {
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?mode=rw&_pragma=busy_timeout(10000)"
}

// syncAll indexes every collection table of every database file in the directory.
func (x *idIndexer) syncAll(ctx context.Context) {
	files, err := filepath.Glob(filepath.Join(x.dir, "*.sqlite"))
	if err != nil {
		x.logger.Warn("id index: cannot list database files", slog.String("error", err.Error()))
		return
	}
	for _, f := range files {
		if ctx.Err() != nil {
			return
		}
		n, err := syncFile(ctx, f)
		x.created += n
		if n > 0 {
			x.logger.Info("id index: created", slog.String("file", filepath.Base(f)), slog.Int("indexes", n))
		}
		// A file being created or dropped by FerretDB right now is normal: try again next pass.
		if err != nil && ctx.Err() == nil {
			x.logger.Debug("id index: will retry", slog.String("file", filepath.Base(f)), slog.String("error", err.Error()))
		}
	}
}

// syncFile creates the missing `_id` indexes of one database file; returns how many it created.
func syncFile(ctx context.Context, path string) (int, error) {
	db, err := sql.Open("sqlite", fileDSN(path))
	if err != nil {
		return 0, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)

	// Collection tables (listed by FerretDB and present) without our index.
	rows, err := db.QueryContext(ctx, fmt.Sprintf(
		`SELECT c.table_name FROM %s c
		 WHERE EXISTS (SELECT 1 FROM sqlite_master t WHERE t.type = 'table' AND t.name = c.table_name)
		   AND NOT EXISTS (SELECT 1 FROM sqlite_master i WHERE i.type = 'index' AND i.name = c.table_name || '%s')`,
		quoteIdent(metadataTable), idIndexSuffix,
	))
	if err != nil {
		return 0, err // e.g. "no such table": a database FerretDB is still creating
	}
	var tables []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return 0, err
		}
		tables = append(tables, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}

	created := 0
	for _, t := range tables {
		if _, err := db.ExecContext(ctx, idIndexSQL(t)); err != nil {
			return created, fmt.Errorf("%s: %w", t, err) // e.g. the collection was dropped meanwhile
		}
		created++
	}
	return created, nil
}

// watch runs syncAll every interval until ctx ends.
func (x *idIndexer) watch(ctx context.Context) {
	t := time.NewTicker(x.interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			x.syncAll(ctx)
		}
	}
}
