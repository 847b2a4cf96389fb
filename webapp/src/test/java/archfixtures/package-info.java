/**
 * Deliberately broken (and one clean) miniature module layouts that prove the boundary rules fail when a boundary
 * is crossed. Test sources only; never part of the application.
 */
package archfixtures;
