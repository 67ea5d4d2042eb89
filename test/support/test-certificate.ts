/**
 * A self-signed certificate for 127.0.0.1 (valid until 2126), for tests only: the HTTPS upstream
 * the recorder is pointed at with `--ca`. Generated once with:
 * openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 36500 \\
 *   -subj '/CN=tapedeck test upstream' -addext 'subjectAltName=IP:127.0.0.1,DNS:localhost'
 */
export const TEST_CERT = `-----BEGIN CERTIFICATE-----
MIIBsjCCAVigAwIBAgIULpwhG2XNltSJbZGO4waHJX7f1x8wCgYIKoZIzj0EAwIw
ITEfMB0GA1UEAwwWdGFwZWRlY2sgdGVzdCB1cHN0cmVhbTAgFw0yNjExMjMyMTEy
NDhaGA8yMTI2MTAzMDIxMTI0OFowITEfMB0GA1UEAwwWdGFwZWRlY2sgdGVzdCB1
cHN0cmVhbTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABGvr9Gg2H1qTMA1Vpf90
t0775P8c+mnwjyrGn8XX4ktjJdYj2wZBo3d8Cr6i8iF62rkLDdkmnLrB2IGXEo4u
7CKjbDBqMB0GA1UdDgQWBBQbdGFQghHtRNBOYjPVIZbX86aTPzAfBgNVHSMEGDAW
gBQbdGFQghHtRNBOYjPVIZbX86aTPzAaBgNVHREEEzARhwR/AAABgglsb2NhbGhv
c3QwDAYDVR0TAQH/BAIwADAKBggqhkjOPQQDAgNIADBFAiEAwLMVQZEl3os/X5+Q
SJ87AAitYOIJdGjclNonXn7cBJICIBClrCMh3/oo8sO5YTK+1rhxKpBOnJLuOsR4
LlhmVz61
-----END CERTIFICATE-----
`

export const TEST_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgGun2bY7nZvsynUpi
eflqVnh1NQ5bbzkeXwDC5VZ1GfmhRANCAARr6/RoNh9akzANVaX/dLdO++T/HPpp
8I8qxp/F1+JLYyXWI9sGQaN3fAq+ovIhetq5Cw3ZJpy6wdiBlxKOLuwi
-----END PRIVATE KEY-----
`
