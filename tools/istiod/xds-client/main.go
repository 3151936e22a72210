// Command xds-client is the data plane of the istiod tests: a proxyless gRPC client that takes
// its routing (listeners, routes, weighted clusters, endpoints) from istiod over xDS, exactly as
// a proxyless gRPC workload in a mesh does, and the two small backends it calls.
//
//	xds-client serve VERSION...
//	    starts one gRPC server per VERSION on 127.0.0.1 (a free port each) and prints
//	    "listening VERSION 127.0.0.1:PORT" per server, then "ready"; runs until stdin closes.
//	    Every answer carries the header x-served-by: VERSION.
//	GRPC_XDS_BOOTSTRAP=FILE xds-client client -target xds:///HOST:PORT -map ADDR=LOOPBACK[,ADDR=LOOPBACK...]
//	    dials TARGET through gRPC's xDS resolver, configured by the bootstrap FILE (which names
//	    istiod), and answers commands read from stdin, one JSON line per command (see run below).
//
// Addresses fail closed: the Kubernetes API server refuses loopback addresses in
// EndpointSlices, so the slices carry placeholder addresses and -map says which loopback
// backend each stands for. The client's dialer connects only to mapped addresses, only when
// they map to a loopback address, and refuses everything else (and reports it), so no
// connection can leave the machine whatever istiod sends.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"

	_ "google.golang.org/grpc/xds" // registers the xds:/// resolver and its balancers
)

const servedBy = "x-served-by"

func main() {
	if len(os.Args) < 2 {
		fail("usage: xds-client serve VERSION... | GRPC_XDS_BOOTSTRAP=FILE xds-client client -target URI -map A=B,...")
	}
	switch os.Args[1] {
	case "serve":
		serve(os.Args[2:])
	case "client":
		client(os.Args[2:])
	default:
		fail("unknown mode " + os.Args[1])
	}
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "xds-client: "+msg)
	os.Exit(2)
}

// serve runs one health-service backend per version; each answer names its version in a header.
func serve(versions []string) {
	if len(versions) == 0 {
		fail("serve needs at least one VERSION")
	}
	for _, version := range versions {
		lis, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			fail("cannot listen on 127.0.0.1: " + err.Error())
		}
		v := version
		s := grpc.NewServer(grpc.UnaryInterceptor(func(ctx context.Context, req any, info *grpc.UnaryServerInfo,
			handler grpc.UnaryHandler) (any, error) {
			if err := grpc.SetHeader(ctx, metadata.Pairs(servedBy, v)); err != nil {
				return nil, err
			}
			return handler(ctx, req)
		}))
		healthpb.RegisterHealthServer(s, health.NewServer())
		go func() { _ = s.Serve(lis) }()
		fmt.Printf("listening %s %s\n", v, lis.Addr())
	}
	fmt.Println("ready")
	// The parent ends us by closing stdin (or by killing us).
	_, _ = bufio.NewReader(os.Stdin).ReadString(0)
}

// dialer maps placeholder endpoint addresses to loopback backends and refuses anything else.
type dialer struct {
	routes  map[string]string
	mu      sync.Mutex
	dialed  map[string]int
	refused map[string]int
}

func newDialer(spec string) *dialer {
	d := &dialer{routes: map[string]string{}, dialed: map[string]int{}, refused: map[string]int{}}
	for _, pair := range strings.Split(spec, ",") {
		from, to, ok := strings.Cut(pair, "=")
		if !ok {
			fail("-map entries are ADDR=LOOPBACK, got " + pair)
		}
		host, _, err := net.SplitHostPort(to)
		if err != nil || !net.ParseIP(host).IsLoopback() {
			fail("-map target " + to + " is not a loopback address")
		}
		d.routes[from] = to
	}
	return d
}

func (d *dialer) dial(ctx context.Context, addr string) (net.Conn, error) {
	to, ok := d.routes[addr]
	d.mu.Lock()
	if !ok {
		d.refused[addr]++
	} else {
		d.dialed[to]++
	}
	d.mu.Unlock()
	if !ok {
		return nil, fmt.Errorf("xds-client: refusing to dial %s: not a known test endpoint", addr)
	}
	var nd net.Dialer
	return nd.DialContext(ctx, "tcp", to)
}

// counts is what a batch of calls observed.
type counts struct {
	Versions   map[string]int `json:"versions"`
	Errors     int            `json:"errors"`
	FirstError string         `json:"firstError,omitempty"`
}

func (c *counts) share(version string) float64 {
	total := c.Errors
	for _, n := range c.Versions {
		total += n
	}
	if total == 0 {
		return 0
	}
	return 100 * float64(c.Versions[version]) / float64(total)
}

func client(args []string) {
	flags := flag.NewFlagSet("client", flag.ExitOnError)
	target := flags.String("target", "", "xds:///HOST:PORT")
	mapping := flags.String("map", "", "ADDR=LOOPBACK,... placeholder endpoint addresses and their backends")
	timeout := flags.Duration("call-timeout", 2*time.Second, "deadline of each call")
	_ = flags.Parse(args)
	if *target == "" || *mapping == "" {
		fail("client needs -target and -map")
	}
	// gRPC reads this variable once, when its packages initialise: it has to come from the parent.
	if os.Getenv("GRPC_XDS_BOOTSTRAP") == "" {
		fail("client needs GRPC_XDS_BOOTSTRAP naming the xDS bootstrap file")
	}
	d := newDialer(*mapping)
	conn, err := grpc.NewClient(*target, grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithContextDialer(d.dial))
	if err != nil {
		fail("cannot create the client: " + err.Error())
	}
	defer conn.Close()
	health := healthpb.NewHealthClient(conn)
	call := func(n int, md metadata.MD) counts {
		c := counts{Versions: map[string]int{}}
		for i := 0; i < n; i++ {
			ctx, cancel := context.WithTimeout(metadata.NewOutgoingContext(context.Background(), md), *timeout)
			var header metadata.MD
			_, err := health.Check(ctx, &healthpb.HealthCheckRequest{}, grpc.Header(&header))
			cancel()
			if err != nil {
				c.Errors++
				if c.FirstError == "" {
					c.FirstError = err.Error()
				}
				continue
			}
			if v := header.Get(servedBy); len(v) == 1 {
				c.Versions[v[0]]++
			} else {
				c.Errors++
				if c.FirstError == "" {
					c.FirstError = fmt.Sprintf("answer without one %s header: %v", servedBy, header)
				}
			}
		}
		return c
	}
	run(call, d)
}

// run answers one command per stdin line with one JSON line:
//
//	call N [KEY=VALUE...]            N calls with the given request headers: {"versions":{..},"errors":E}
//	await N RUNS VERSION LOW HIGH MILLIS [KEY=VALUE...]
//	                                 windows of N calls until RUNS windows in a row show VERSION's
//	                                 share within [LOW, HIGH] percent and no failed call, or MILLIS
//	                                 pass: {"matched":bool,"windows":W,"last":{counts},
//	                                 "firstMatchMillis":M} (M: from the command to the end of the
//	                                 first window of that run)
//	dials                            {"dialed":{"127.0.0.1:P":n},"refused":{"ADDR":n}}
func run(call func(int, metadata.MD) counts, d *dialer) {
	in := bufio.NewScanner(os.Stdin)
	out := json.NewEncoder(os.Stdout)
	for in.Scan() {
		fields := strings.Fields(in.Text())
		if len(fields) == 0 {
			continue
		}
		var answer any
		switch {
		case fields[0] == "call" && len(fields) >= 2:
			answer = call(atoi(fields[1]), headers(fields[2:]))
		case fields[0] == "await" && len(fields) >= 7:
			started := time.Now()
			n, runs, version := atoi(fields[1]), atoi(fields[2]), fields[3]
			low, high := atof(fields[4]), atof(fields[5])
			deadline := started.Add(time.Duration(atoi(fields[6])) * time.Millisecond)
			md := headers(fields[7:])
			windows, run := 0, 0
			var last counts
			var runStarted time.Duration // end of the first window of the current run of matches
			for run < runs && (windows == 0 || time.Now().Before(deadline)) {
				last = call(n, md)
				windows++
				share := last.share(version)
				if last.Errors == 0 && share >= low && share <= high {
					if run == 0 {
						runStarted = time.Since(started)
					}
					run++
				} else {
					run = 0
				}
			}
			answer = map[string]any{"matched": run >= runs, "windows": windows, "last": last,
				"firstMatchMillis": float64(runStarted.Microseconds()) / 1000}
		case fields[0] == "dials":
			d.mu.Lock()
			answer = map[string]any{"dialed": copyMap(d.dialed), "refused": copyMap(d.refused)}
			d.mu.Unlock()
		default:
			answer = map[string]string{"error": "unknown command: " + in.Text()}
		}
		if err := out.Encode(answer); err != nil {
			fail("cannot write an answer: " + err.Error())
		}
	}
}

func headers(pairs []string) metadata.MD {
	md := metadata.MD{}
	for _, p := range pairs {
		k, v, ok := strings.Cut(p, "=")
		if !ok {
			fail("headers are KEY=VALUE, got " + p)
		}
		md.Append(k, v)
	}
	return md
}

func copyMap(m map[string]int) map[string]int {
	c := make(map[string]int, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		fail("not a number: " + s)
	}
	return n
}

func atof(s string) float64 {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		fail("not a number: " + s)
	}
	return f
}
