package dev.ftpgateway.web;

import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Maps every handler below {@code /files}, in whichever controller, below
 * {@code /servers/{server}/files} as well, so each operation on the default server's tree works
 * on every named server's without a second mapping. Which server a request is for is read from
 * its path again where it is needed ({@link FileServerResolver}).
 */
final class FilesRoutesMapping extends RequestMappingHandlerMapping {

	static final String NAMED_SERVER_PREFIX = "/servers/{server}";

	@Override
	protected RequestMappingInfo getMappingForMethod(Method method, Class<?> handlerType) {
		RequestMappingInfo info = super.getMappingForMethod(method, handlerType);
		if (info == null) {
			return null;
		}
		Set<String> patterns = new LinkedHashSet<>(info.getPatternValues());
		for (String pattern : info.getPatternValues()) {
			if (pattern.equals(FilesRoute.FILES) || pattern.startsWith(FilesRoute.FILES + "/")) {
				patterns.add(NAMED_SERVER_PREFIX + pattern);
			}
		}
		if (patterns.size() == info.getPatternValues().size()) {
			return info;
		}
		return info.mutate().paths(patterns.toArray(String[]::new)).build();
	}

}
