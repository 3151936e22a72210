// The job's Gray Release page: while the first reading of the cluster is under way the page says
// "Reading the cluster…"; reload it shortly so the reading shows without a manual refresh.
window.addEventListener("load", function () {
  if (document.querySelector("[data-gray-release-reading]")) {
    window.setTimeout(function () {
      window.location.reload();
    }, 2000);
  }
});
