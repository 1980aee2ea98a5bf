import { DETAILS_ERROR, PRODUCT_DESCRIPTION, REVIEWS_ERROR } from './data.ts';

interface PageInput {
  user?: string;
  details?: Record<string, string | number>;
  reviews?: { reviews: Array<{ reviewer: string; text: string; rating?: { stars?: number; color?: string; error?: string } }>; podname?: string };
}

function stars(r: { stars?: number; color?: string; error?: string } | undefined): string {
  if (!r) return '';
  if (r.error) return `        <p><i>${r.error}</i></p>\n`;
  const n = r.stars ?? 0;
  return `        <font color="${r.color}">\n${'          <span class="glyphicon glyphicon-star"></span>\n'.repeat(n)}${'          <span class="glyphicon glyphicon-star-empty"></span>\n'.repeat(5 - n)}        </font>\n`;
}

/** productpage.html as the Flask template renders it (trimmed of scripts and styles). */
export function productPage(p: PageInput): string {
  const nav = p.user ? `    <p class="navbar-text navbar-right">\n      <i class="glyphicon glyphicon-user" aria-hidden="true"></i>\n      <span style="padding-left: 5px;">${p.user} ( <a href="logout">sign out</a> )</span>\n    </p>\n` : '    <button type="button" class="btn btn-default navbar-btn navbar-right" data-toggle="modal" href="#login-modal">Sign in</button>\n';
  const details = p.details
    ? `<h4 class="text-center text-primary">Book Details</h4>\n<dl>\n  <dt>Type:</dt>${p.details.type}\n  <dt>Pages:</dt>${p.details.pages}\n  <dt>Publisher:</dt>${p.details.publisher}\n  <dt>Language:</dt>${p.details.language}\n  <dt>ISBN-10:</dt>${p.details['ISBN-10']}\n  <dt>ISBN-13:</dt>${p.details['ISBN-13']}\n</dl>\n`
    : `<h4 class="text-center text-primary">Error fetching product details!</h4>\n<p>${DETAILS_ERROR}</p>\n`;
  const reviews = p.reviews
    ? `<h4 class="text-center text-primary">Book Reviews</h4>\n${p.reviews.reviews.map((r) => `      <blockquote>\n        <p>${r.text}</p>\n        <small>${r.reviewer}</small>\n${stars(r.rating)}      </blockquote>\n`).join('')}      <dl>\n        <dt>Reviews served by:</dt>\n        <u>${p.reviews.podname ?? ''}</u>\n      </dl>\n`
    : `<h4 class="text-center text-primary">Error fetching product reviews!</h4>\n<p>${REVIEWS_ERROR}</p>\n`;
  return (
    '<!DOCTYPE html>\n<html>\n  <head>\n    <title>Simple Bookstore App</title>\n  </head>\n  <body>\n' +
    `<nav class="navbar navbar-inverse navbar-static-top">\n  <div class="container">\n    <a class="navbar-brand" href="#">BookInfo Sample</a>\n${nav}  </div>\n</nav>\n` +
    '<div class="container-fluid">\n  <div class="row">\n    <div class="col-md-12">\n      <h3 class="text-center text-primary">The Comedy of Errors</h3>\n' +
    `      <p>Summary: ${PRODUCT_DESCRIPTION}</p>\n    </div>\n  </div>\n  <div class="row">\n    <div class="col-md-6">\n${details}    </div>\n    <div class="col-md-6">\n${reviews}    </div>\n  </div>\n</div>\n  </body>\n</html>\n`
  );
}
