#pragma once
// The package files: META-INF/container.xml, EPUB/content.opf (EPUB 3.2 §3 Package
// Document), EPUB/nav.xhtml (§5.4 navigation document) and EPUB/toc.ncx (OPF 2.0.1
// §2.4.1, for EPUB 2 reading systems).
#include <string>

#include "doc/tree.hpp"
#include "epub/plan.hpp"

namespace octavo::epub {

inline constexpr const char* package_path = "EPUB/content.opf";

std::string container_xml();

/// content.opf: the book's metadata (its accessibility metadata derived from the whole
/// book), manifest and spine. `modified` is dcterms:modified ("YYYY-MM-DDThh:mm:ssZ").
std::string package_opf(const doc::Book& book, const Plan& plan, const std::string& modified);

/// nav.xhtml: the toc (nested ol of the heading tree) and the landmarks.
std::string nav_xhtml(const Plan& plan);

/// toc.ncx, the same tree with sequential playOrder.
std::string toc_ncx(const doc::Metadata& meta, const Plan& plan);

}  // namespace octavo::epub
