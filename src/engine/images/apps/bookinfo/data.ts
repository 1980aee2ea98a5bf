/** Texts the Bookinfo services show (productpage.py, ReviewsApplication.java). */
export const DETAILS_ERROR = 'Sorry, product details are currently unavailable for this book.';
export const REVIEWS_ERROR = 'Sorry, product reviews are currently unavailable for this book.';
export const RATINGS_ERROR = 'Ratings service is currently unavailable';
export const PRODUCT_DESCRIPTION = "<a href=\"https://en.wikipedia.org/wiki/The_Comedy_of_Errors\">Wikipedia Summary</a>: The Comedy of Errors is one of <b>William Shakespeare's</b> early plays. It is his shortest and one of his most farcical comedies, with a major part of the humour coming from slapstick and mistaken identity, in addition to puns and word play.";
