// Command etcd is etcd's own server (go.etcd.io/etcd/server/v3/etcdmain), built at the version
// go.mod pins; kube-api-test starts it as the API server's storage.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
