// The serving certificate of `kubelab serve`: a fixed self-signed certificate for 127.0.0.1 and localhost (ECDSA
// P-256, valid 2020–2120). kubectl only sends credentials over TLS, so the lab serves HTTPS; the kubeconfig
// trusts this certificate as its certificate authority. It guards nothing: the key is public, the server loopback-only.
export const SERVING_CERT = `-----BEGIN CERTIFICATE-----
MIIBkzCCATqgAwIBAgIBATAKBggqhkjOPQQDAjAYMRYwFAYDVQQDDA1rdWJlbGFi
LXNlcnZlMCAXDTIwMDEwMTAwMDAwMFoYDzIxMjAwMTAxMDAwMDAwWjAYMRYwFAYD
VQQDDA1rdWJlbGFiLXNlcnZlMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE14KD
ww2HH9b+7pfkf/3z2JGPt7s2uTj3X/ZSBu7rBYEkvy4rItVbsqX2X1zHLwgZsnY6
W8p+LyfUEhYsKCbze6NzMHEwGgYDVR0RBBMwEYcEfwAAAYIJbG9jYWxob3N0MA8G
A1UdEwEB/wQFMAMBAf8wDgYDVR0PAQH/BAQDAgKEMBMGA1UdJQQMMAoGCCsGAQUF
BwMBMB0GA1UdDgQWBBQpP46jzrzOdEkByv0vM4OIhETPyTAKBggqhkjOPQQDAgNH
ADBEAiAkq9c1lz3R/MppaLxs+nmOmwAYHZ3ZAQDxygUDMgG8qgIgJAeJ94uKHJHM
714kfDLWjSaPZbhQWRSdIDCV6B3dg1o=
-----END CERTIFICATE-----
`;

export const SERVING_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgSUea7yRg2tIrQg1G
gUQ89VczURfIv2u3XbO3xCwABVGhRANCAATXgoPDDYcf1v7ul+R//fPYkY+3uza5
OPdf9lIG7usFgSS/Lisi1VuypfZfXMcvCBmydjpbyn4vJ9QSFiwoJvN7
-----END PRIVATE KEY-----
`;
