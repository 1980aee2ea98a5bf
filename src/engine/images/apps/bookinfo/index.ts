/**
 * Istio's Bookinfo sample: docker.io/istio/examples-bookinfo-{productpage,details,ratings,reviews}-vN. Each
 * service behaves as its upstream code does: productpage (Python) renders the book page from details and
 * reviews, with its own 3 s timeout and a second try towards reviews; reviews (Java) v1 shows no stars, v2
 * black and v3 red stars from ratings (read timeout 10 s in v2, 2.5 s in v3); ratings (Node) and details (Ruby)
 * answer JSON.
 */
import type { Repository } from '../../catalog.ts';
import type { AppContext, AppInstance, HttpRequest, HttpResponse } from '../../types.ts';
import { call, forwardHeaders } from './client.ts';
import { DETAILS_ERROR, PRODUCT_DESCRIPTION, RATINGS_ERROR, REVIEWS_ERROR } from './data.ts';
import { productPage } from './page.ts';
import { httpbinRepository } from './httpbin.ts';

export { DETAILS_ERROR, RATINGS_ERROR, REVIEWS_ERROR };

const MiB = 1024 * 1024;
const json = (status: number, body: unknown): HttpResponse => ({ status, body: JSON.stringify(body), contentType: 'application/json' });

const DETAILS = { id: 0, author: 'William Shakespeare', year: 1595, type: 'paperback', pages: 200, publisher: 'PublisherA', language: 'English', 'ISBN-10': '1234567890', 'ISBN-13': '123-1234567890' };
export const REVIEWS = [
  { reviewer: 'Reviewer1', text: 'An extremely entertaining play by Shakespeare. The slapstick humour is refreshing!' },
  { reviewer: 'Reviewer2', text: 'Absolutely fun and entertaining. The play lacks thematic depth when compared to other plays by Shakespeare.' },
];

function base(_ctx: AppContext, memory: number, logs: string[]): Omit<AppInstance, 'http'> {
  return {
    ports: [9080],
    readyAfterMs: 1500,
    memoryBytes: memory * MiB,
    logs: logs.map((text, i) => ({ at: i * 10, text })),
    onStop: () => ({ afterMs: 100, code: 0, logs: [] }),
  };
}

function details(ctx: AppContext): AppInstance {
  return {
    ...base(ctx, 20, ['[2024-01-01 00:00:00] INFO  WEBrick 1.8.1', '[2024-01-01 00:00:00] INFO  ruby 3.3.0', '[2024-01-01 00:00:00] INFO  WEBrick::HTTPServer#start: pid=1 port=9080']),
    http(req) {
      if (req.port !== 9080) return undefined;
      const m = /^\/details\/(\d+)/.exec(req.path);
      const res = req.path === '/health' ? json(200, { status: 'Details is healthy' }) : m ? json(200, { ...DETAILS, id: Number(m[1]) }) : json(400, { error: 'please provide numeric product id' });
      req.log(`${req.clientIP} - - [${new Date(req.atMs).toUTCString()}] "GET ${req.path} HTTP/1.1" ${res.status} ${res.body.length}`);
      return res;
    },
  };
}

function ratings(ctx: AppContext): AppInstance {
  return {
    ...base(ctx, 30, ['Server listening on: http://0.0.0.0:9080']),
    http(req) {
      if (req.port !== 9080) return undefined;
      const m = /^\/ratings\/(\d+)/.exec(req.path);
      if (req.path === '/health') return json(200, { status: 'Ratings is healthy' });
      if (!m) return json(400, { error: 'please provide numeric product ID' });
      req.log(`GET ${req.path}`);
      return json(200, { id: Number(m[1]), ratings: { Reviewer1: 5, Reviewer2: 4 } });
    },
  };
}

function reviews(version: 'v1' | 'v2' | 'v3') {
  return (ctx: AppContext): AppInstance => ({
    ...base(ctx, 180, ['Launching defaultServer (Open Liberty 24.0.0.1/wlp-1.0.84.cl240120240115-1552) on Eclipse OpenJ9 VM', '[AUDIT   ] CWWKZ0001I: Application reviews-app started in 2.512 seconds.', '[AUDIT   ] CWWKF0011I: The defaultServer server is ready to run a smarter planet.']),
    http(req: HttpRequest) {
      if (req.port !== 9080) return undefined;
      if (req.path === '/health') return json(200, { status: 'Reviews is healthy' });
      const m = /^\/reviews\/(\d+)/.exec(req.path);
      if (!m) return { status: 404, body: '', contentType: 'text/html' };
      const color = version === 'v2' ? 'black' : 'red';
      let rating: Record<string, { stars?: number; color?: string; error?: string }> | undefined;
      if (version !== 'v1') {
        const r = call(ctx, `http://ratings:9080/ratings/${m[1]}`, forwardHeaders(req.headers, undefined), version === 'v2' ? 10_000 : 2_500, 'java');
        rating = {};
        const parsed = 'status' in r && r.status === 200 ? (JSON.parse(r.body) as { ratings?: Record<string, number> }) : undefined;
        for (const rv of REVIEWS) rating[rv.reviewer] = parsed?.ratings?.[rv.reviewer] !== undefined ? { stars: parsed.ratings[rv.reviewer], color } : { error: RATINGS_ERROR };
      }
      const body = {
        id: m[1],
        podname: ctx.hostname,
        clustername: 'null',
        reviews: REVIEWS.map((rv) => ({ ...rv, ...(rating ? { rating: rating[rv.reviewer] } : {}) })),
      };
      return json(200, body);
    },
  });
}

function userOf(req: HttpRequest): string | undefined {
  const cookie = req.headers?.cookie ?? '';
  const m = /(?:^|;\s*)(?:session|user)=([^;]+)/.exec(cookie);
  if (m) return decodeURIComponent(m[1]);
  const q = /[?&]u=([^&]+)/.exec(req.path);
  if (q && q[1] !== 'normal' && q[1] !== 'test') return decodeURIComponent(q[1]);
  return req.headers?.['end-user'];
}

function productpage(ctx: AppContext): AppInstance {
  return {
    ...base(ctx, 60, ['INFO:root:start at port 9080', ' * Serving Flask app \'productpage\'', ' * Running on all addresses (::)']),
    http(req) {
      if (req.port !== 9080) return undefined;
      const path = req.path.split('?')[0];
      const user = userOf(req);
      const fwd = forwardHeaders(req.headers, user);
      const log = (status: number) => req.log(`INFO:werkzeug:::ffff:${req.clientIP} - - [${new Date(req.atMs).toUTCString().slice(5, 25)}] "GET ${req.path} HTTP/1.1" ${status} -`);
      if (path === '/health') return json(200, { status: 'Product page is healthy' });
      if (path === '/api/v1/products') return json(200, [{ id: 0, title: 'The Comedy of Errors', descriptionHtml: PRODUCT_DESCRIPTION }]);
      if (path === '/' || path === '/index.html') {
        log(200);
        return { status: 200, body: '<!DOCTYPE html>\n<html>\n  <head>\n    <title>Simple Bookstore App</title>\n  </head>\n  <body>\n    <p>Hello! This is a simple bookstore application consisting of three services as shown below</p>\n    <p><a href="/productpage?u=normal">Normal user</a></p>\n    <p><a href="/productpage?u=test">Test user</a></p>\n  </body>\n</html>\n', contentType: 'text/html' };
      }
      const api = /^\/api\/v1\/products\/(\d+)(?:\/(reviews|ratings))?$/.exec(path);
      if (api) {
        const what = api[2] ?? 'details';
        const url = what === 'reviews' ? `http://reviews:9080/reviews/${api[1]}` : what === 'ratings' ? `http://ratings:9080/ratings/${api[1]}` : `http://details:9080/details/${api[1]}`;
        const r = call(ctx, url, fwd, 3000, 'python-requests');
        return 'status' in r && r.status === 200 ? { status: 200, body: r.body, contentType: 'application/json' } : json('status' in r ? r.status : 500, { error: `Sorry, product ${what} are currently unavailable for this book.` });
      }
      if (path !== '/productpage') {
        log(404);
        return { status: 404, body: '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n', contentType: 'text/html' };
      }
      const d = call(ctx, 'http://details:9080/details/0', fwd, 3000, 'python-requests');
      const detailsOk = 'status' in d && d.status === 200;
      // Two tries towards reviews, each with a 3 s timeout (the fault-injection task depends on it).
      let rv = call(ctx, 'http://reviews:9080/reviews/0', fwd, 3000, 'python-requests');
      if (!('status' in rv && rv.status === 200)) rv = call(ctx, 'http://reviews:9080/reviews/0', fwd, 3000, 'python-requests');
      const reviewsOk = 'status' in rv && rv.status === 200;
      const html = productPage({
        user,
        details: detailsOk ? (JSON.parse((d as { body: string }).body) as Record<string, string | number>) : undefined,
        reviews: reviewsOk ? (JSON.parse((rv as { body: string }).body) as { reviews: Array<{ reviewer: string; text: string; rating?: { stars?: number; color?: string; error?: string } }>; podname?: string }) : undefined,
      });
      log(200);
      return { status: 200, body: html, contentType: 'text/html' };
    },
  };
}


function repo(name: string, app: (ctx: AppContext) => AppInstance, entry: string[], size: number): Repository {
  return {
    name: `docker.io/istio/examples-bookinfo-${name}`,
    versions: [{ tags: ['1.20.1', '1.20.2', '1.20.3', 'latest'], size }],
    entrypoint: [],
    cmd: entry,
    env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
    stopSignal: 'SIGTERM',
    flavor: 'gnu',
    apps: { [entry[0]]: app },
  };
}

export const bookinfoRepositories: Repository[] = [
  httpbinRepository,
  repo('productpage-v1', productpage, ['python', 'productpage.py', '9080'], 62_381_204),
  repo('details-v1', details, ['ruby', '/opt/microservices/details.rb', '9080'], 36_210_447),
  repo('ratings-v1', ratings, ['node', '/opt/microservices/ratings.js', '9080'], 57_903_112),
  repo('reviews-v1', reviews('v1'), ['/opt/ol/wlp/bin/server', 'run', 'defaultServer'], 178_412_530),
  repo('reviews-v2', reviews('v2'), ['/opt/ol/wlp/bin/server', 'run', 'defaultServer'], 178_412_611),
  repo('reviews-v3', reviews('v3'), ['/opt/ol/wlp/bin/server', 'run', 'defaultServer'], 178_412_702),
];
