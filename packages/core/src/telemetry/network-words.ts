/**
 * Why a connection failed, in words, by the error code Node, undici or OpenSSL gives it. The
 * operator reads the words; the codes are for search engines, and are not shown.
 */
export const NETWORK_WORDS: Readonly<Record<string, string>> = {
  // Reaching the server
  ECONNREFUSED: 'nothing listens on this port (connection refused)',
  ECONNRESET: 'the server closed the connection abruptly',
  ENOTFOUND: 'the host name does not exist (DNS)',
  EAI_AGAIN: 'the host name could not be looked up now (DNS), try again later',
  ETIMEDOUT: 'the server did not answer in time',
  UND_ERR_CONNECT_TIMEOUT: 'the server did not accept the connection in time',
  EHOSTUNREACH: 'the host cannot be reached from this machine',
  ENETUNREACH: 'the network cannot be reached from this machine',
  EPIPE: 'the server closed the connection while the request was written',
  UND_ERR_SOCKET: 'the server closed the connection',
  // Speaking TLS
  ERR_SSL_WRONG_VERSION_NUMBER: 'the server does not speak TLS on this port (is it plain http?)',
  ERR_SSL_PACKET_LENGTH_TOO_LONG: 'the server does not speak TLS on this port (is it plain http?)',
  ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION: 'the server and this client share no TLS version',
  ERR_SSL_UNSUPPORTED_PROTOCOL: 'the server and this client share no TLS version',
  ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE: 'the server refused the TLS handshake',
  ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR: 'the server failed during the TLS handshake',
  // Trusting the certificate
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server certificate is self-signed, and so not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'the server certificate chain ends in a self-signed certificate that is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server certificate is not signed by a trusted authority',
  UNABLE_TO_GET_ISSUER_CERT: 'the authority that signed the server certificate is not known',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the authority that signed the server certificate is not known',
  CERT_HAS_EXPIRED: 'the server certificate has expired',
  CERT_NOT_YET_VALID: 'the server certificate is not valid yet (is the clock right?)',
  CERT_REVOKED: 'the server certificate has been revoked',
  CERT_UNTRUSTED: 'the server certificate is not trusted',
  CERT_REJECTED: 'the server certificate is refused',
  CERT_SIGNATURE_FAILURE: 'the server certificate has a bad signature',
  INVALID_CA: 'an authority in the server certificate chain is not valid',
  HOSTNAME_MISMATCH: 'the server certificate is for another host name',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the server certificate is for another host name',
}

/** What is said of a TLS code the table does not name. */
export const UNKNOWN_TLS_FAILURE = 'the secure connection (TLS) could not be set up'

/** A code of OpenSSL's or of Node's TLS layer. */
export const isTLSCode = (code: string): boolean => /^(ERR_SSL_|ERR_TLS_)|_CERT(_|$)|CERT_|_SIGNATURE/.test(code)
