import { z } from 'zod'
import { duration } from '../duration.js'
import { fileOrContent, group, section } from '../kinds.js'
import { exported, masked } from '../meta.js'

/** providers.kubernetesIngressNGINX */
export const kubernetesIngressNGINX = exported(
  section({
    endpoint: masked(z.string(), 'TODO'),
    token: masked(fileOrContent(), 'TODO'),
    certAuthFilePath: masked(z.string(), 'TODO'),
    throttleDuration: exported(duration().default('0s'), 'TODO'),
    globalAuthURL: masked(z.string(), 'TODO'),
    watchNamespace: masked(z.string(), 'TODO'),
    watchNamespaceSelector: masked(z.string(), 'TODO'),
    ingressClass: masked(z.string().default('nginx'), 'TODO'),
    controllerClass: masked(z.string().default('k8s.io/ingress-nginx'), 'TODO'),
    watchIngressWithoutClass: exported(z.boolean().default(false), 'TODO'),
    ingressClassByName: exported(z.boolean().default(false), 'TODO'),
    publishService: masked(z.string(), 'TODO'),
    publishStatusAddress: masked(z.array(z.string()), 'TODO'),
    defaultBackendService: masked(z.string(), 'TODO'),
    disableSvcExternalName: exported(z.boolean().default(false), 'TODO'),
    ipAllowListStrategy: exported(
      group({
        depth: exported(z.int().default(0), 'TODO'),
        excludedIPs: masked(z.array(z.string()), 'TODO'),
        ipv6Subnet: masked(z.int().default(0), 'TODO'),
      }),
      'TODO',
    ),
    httpEntryPoint: exported(z.string(), 'TODO'),
    httpsEntryPoint: exported(z.string(), 'TODO'),
    proxyRequestBuffering: exported(z.boolean().default(false), 'TODO'),
    clientBodyBufferSize: exported(z.int().default(16384), 'TODO'),
    proxyBodySize: exported(z.int().default(1048576), 'TODO'),
    proxyBuffering: exported(z.boolean().default(false), 'TODO'),
    proxyBufferSize: exported(z.int().default(8192), 'TODO'),
    proxyBuffersNumber: exported(z.int().default(4), 'TODO'),
    proxyConnectTimeout: exported(z.int().default(60), 'TODO'),
    proxyReadTimeout: exported(z.int().default(60), 'TODO'),
    proxySendTimeout: exported(z.int().default(60), 'TODO'),
    proxyNextUpstream: exported(z.string().default('error timeout'), 'TODO'),
    proxyNextUpstreamTries: exported(z.int().default(3), 'TODO'),
    proxyNextUpstreamTimeout: exported(z.int().default(0), 'TODO'),
    customHTTPErrors: exported(z.array(z.string()), 'TODO'),
    upstreamKeepaliveTimeout: exported(z.int().default(60), 'TODO'),
    allowCrossNamespaceResources: exported(z.boolean().default(false), 'TODO'),
    globalAllowedResponseHeaders: masked(z.array(z.string()), 'TODO'),
    allowSnippetAnnotations: exported(z.boolean().default(false), 'TODO'),
    strictValidatePathType: exported(z.boolean().default(true), 'TODO'),
  }),
  'TODO',
)
