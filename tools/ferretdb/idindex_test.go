package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/bson/primitive"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

// The statements FerretDB 1.24.2's SQLite backend runs for a find, an update and a delete by `_id`
// (internal/backends/sqlite/collection.go: Query, UpdateAll, DeleteAll), for one table.
func idStatements(table string) map[string]string {
	t := quoteIdent(table)
	return map[string]string{
		"find":   fmt.Sprintf(`SELECT _ferretdb_sjson FROM %s WHERE _ferretdb_sjson->'$._id' = ?`, t),
		"update": fmt.Sprintf(`UPDATE %s SET _ferretdb_sjson = ? WHERE _ferretdb_sjson->'$._id' = ?`, t),
		"delete": fmt.Sprintf(`DELETE FROM %s WHERE _ferretdb_sjson->'$._id' IN (?, ?)`, t),
	}
}

type running struct {
	uri  string
	stop func()
}

func startServer(t *testing.T, opts serverOptions) running {
	t.Helper()
	opts.Listen = "127.0.0.1:0"
	opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	s, err := newServer(opts)
	if err != nil {
		t.Fatalf("newServer: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		_ = s.Run(ctx)
		close(done)
	}()
	return running{uri: s.URI(), stop: func() { cancel(); <-done }}
}

func client(t *testing.T, uri string) *mongo.Client {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c, err := mongo.Connect(ctx, options.Client().ApplyURI(uri+"?directConnection=true"))
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(func() { _ = c.Disconnect(context.Background()) })
	return c
}

// fill writes n documents with string `_id`s and one with an ObjectId.
func fill(t *testing.T, c *mongo.Client, db, coll string, n int) {
	t.Helper()
	docs := make([]any, 0, n+1)
	for i := 0; i < n; i++ {
		docs = append(docs, bson.M{"_id": fmt.Sprintf("%s-%04d", coll, i), "n": i})
	}
	docs = append(docs, bson.M{"_id": primitive.NewObjectID(), "n": -1})
	if _, err := c.Database(db).Collection(coll).InsertMany(context.Background(), docs); err != nil {
		t.Fatalf("insert into %s.%s: %v", db, coll, err)
	}
}

func openFile(t *testing.T, dir, db string) *sql.DB {
	t.Helper()
	conn, err := sql.Open("sqlite", fileDSN(filepath.Join(dir, db+".sqlite")))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return conn
}

func tableOf(t *testing.T, conn *sql.DB, coll string) string {
	t.Helper()
	var table string
	if err := conn.QueryRow(`SELECT table_name FROM "_ferretdb_collections" WHERE name = ?`, coll).Scan(&table); err != nil {
		t.Fatalf("table of %s: %v", coll, err)
	}
	return table
}

// plans returns SQLite's EXPLAIN QUERY PLAN details of each statement.
func plans(t *testing.T, conn *sql.DB, table string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for op, q := range idStatements(table) {
		args := make([]any, strings.Count(q, "?"))
		for i := range args {
			args[i] = `"x"`
		}
		rows, err := conn.Query("EXPLAIN QUERY PLAN "+q, args...)
		if err != nil {
			t.Fatalf("explain %s: %v", op, err)
		}
		var details []string
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				t.Fatal(err)
			}
			details = append(details, detail)
		}
		rows.Close()
		out[op] = strings.Join(details, "; ")
	}
	return out
}

func expectIndexed(t *testing.T, conn *sql.DB, coll string) {
	t.Helper()
	table := tableOf(t, conn, coll)
	for op, plan := range plans(t, conn, table) {
		want := "USING INDEX " + table + idIndexSuffix
		t.Logf("%s.%s by _id: %s", coll, op, plan)
		if !strings.Contains(plan, "SEARCH") || !strings.Contains(plan, want) || strings.Contains(plan, "SCAN") {
			t.Errorf("%s by _id in %s: plan %q, want SEARCH … %s", op, coll, plan, want)
		}
	}
}

// waitIndexed waits (bounded) for the watcher to index a collection created while it runs.
func waitIndexed(t *testing.T, dir, db, coll string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		conn := openFile(t, dir, db)
		var n int
		err := conn.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = (SELECT table_name FROM "_ferretdb_collections" WHERE name = ?) || ?`, coll, idIndexSuffix).Scan(&n)
		_ = conn.Close()
		if err == nil && n == 1 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s.%s was not indexed within 15 s (err %v)", db, coll, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestIDIndexCoversEveryCollection(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()

	// FerretDB as shipped writes a collection before our program ever ran on this folder: its
	// lookups by `_id` scan the table (the reason for the index, and the control of this test).
	stock := startServer(t, serverOptions{DataDir: dir, IDIndex: false})
	sc := client(t, stock.uri)
	fill(t, sc, "app", "before", 50)
	_ = sc.Disconnect(ctx) // FerretDB waits for open client connections when it stops
	stock.stop()
	conn := openFile(t, dir, "app")
	for op, plan := range plans(t, conn, tableOf(t, conn, "before")) {
		if !strings.Contains(plan, "SCAN") {
			t.Fatalf("stock FerretDB: %s by _id planned as %q; expected a SCAN", op, plan)
		}
	}

	// Ours: the existing collection is indexed before the first client can connect.
	ours := startServer(t, serverOptions{DataDir: dir, IDIndex: true, IndexInterval: 50 * time.Millisecond})
	expectIndexed(t, conn, "before")

	// Collections created while it runs, in the existing database and in a new one.
	c := client(t, ours.uri)
	fill(t, c, "app", "after", 50)
	fill(t, c, "other", "later", 50)
	waitIndexed(t, dir, "app", "after")
	waitIndexed(t, dir, "other", "later")
	expectIndexed(t, conn, "after")
	expectIndexed(t, openFile(t, dir, "other"), "later")

	// Reads and writes by `_id` through FerretDB still do what they should.
	coll := c.Database("app").Collection("after")
	var doc bson.M
	if err := coll.FindOne(ctx, bson.M{"_id": "after-0007"}).Decode(&doc); err != nil || doc["n"] != int32(7) {
		t.Fatalf("find by _id: %v %v", doc, err)
	}
	if r, err := coll.UpdateOne(ctx, bson.M{"_id": "after-0007"}, bson.M{"$set": bson.M{"n": 700}}); err != nil || r.ModifiedCount != 1 {
		t.Fatalf("update by _id: %+v %v", r, err)
	}
	if r, err := coll.DeleteOne(ctx, bson.M{"_id": "after-0008"}); err != nil || r.DeletedCount != 1 {
		t.Fatalf("delete by _id: %+v %v", r, err)
	}
	if _, err := coll.InsertOne(ctx, bson.M{"_id": "after-0009"}); !mongo.IsDuplicateKeyError(err) {
		t.Fatalf("a duplicate _id must still be refused (FerretDB's unique index): %v", err)
	}

	// Idempotent: another pass (or another start) creates nothing new.
	again := &idIndexer{dir: dir, interval: time.Second, logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	again.syncAll(ctx)
	if again.created != 0 {
		t.Fatalf("a second pass created %d indexes", again.created)
	}
	_ = c.Disconnect(ctx)
	ours.stop()

	// FerretDB as shipped still opens the files and reads and writes them.
	stock = startServer(t, serverOptions{DataDir: dir, IDIndex: false})
	defer stock.stop()
	sc = client(t, stock.uri)
	n, err := sc.Database("app").Collection("after").CountDocuments(ctx, bson.M{})
	if err != nil || n != 50 {
		t.Fatalf("stock FerretDB counts %d documents (err %v), want 50", n, err)
	}
	if err := sc.Database("app").Collection("after").FindOne(ctx, bson.M{"_id": "after-0007"}).Decode(&doc); err != nil || doc["n"] != int32(700) {
		t.Fatalf("stock FerretDB find by _id: %v %v", doc, err)
	}
	if _, err := sc.Database("other").Collection("later").DeleteOne(ctx, bson.M{"_id": "later-0001"}); err != nil {
		t.Fatalf("stock FerretDB delete: %v", err)
	}
}
