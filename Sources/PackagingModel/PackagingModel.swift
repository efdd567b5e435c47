// PackagingModel: the packaging standards as pure Swift values. See Names/, Versions/, Specifiers/, Markers/, Requirements/, Tags/, Filenames/, Metadata/, PyProject/.
